import asyncio


async def main():
    # asyncio.run and loop.run_until_complete called by a callback of the
    # running loop: no task could await there, and both refuse at once
    loop = asyncio.get_running_loop()

    def cb():
        for what, call in (("run", lambda: asyncio.run(asyncio.sleep(0))),
                           ("run_until_complete", lambda: loop.run_until_complete(asyncio.sleep(0))),
                           ("run_until_complete(None)", lambda: loop.run_until_complete(None))):
            try:
                call()
                print(what, "returned")
            except RuntimeError as e:
                print(what, "RuntimeError:", e)

    loop.call_soon(cb)
    await asyncio.sleep(0)
    print("main goes on")


asyncio.run(main())
