import asyncio

strings = ["it's", "tab\there", "a\rb", "a\0b", "a\x7fb", "both'\"", 'q"', "back\\slash", "ü", "line\nnext"]


async def main():
    loop = asyncio.get_running_loop()
    for s in strings:
        f = loop.create_future()
        f.set_result(s)
        print(f)
    f = loop.create_future()
    f.set_exception(ValueError("a\tb'c"))
    print(f)
    f.exception()
    f = loop.create_future()
    f.set_exception(ValueError(42))
    print(f)
    f.exception()
    f = loop.create_future()
    f.set_result(["x\ty"])
    print(str(f).replace("['x\\ty']", "{'x\\ty'}"))  # a Lua table's repr is in braces

    async def done():
        return "done\0"

    t = asyncio.create_task(done(), name="Task-2")
    await t
    print(str(t).split(" coro=")[0] + " result=" + repr("done\0") + ">")


asyncio.run(main())
