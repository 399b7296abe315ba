# Reference for future_callback_order.lua: done callbacks run in the order
# they were added, through removals and with a waiting task among them.
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    def cb(n):
        return lambda fut: print("cb", n, sep="\t")
    c1, c2, c3, c4 = cb(1), cb(2), cb(3), cb(4)
    f.add_done_callback(c1); f.add_done_callback(c2)
    print(f.remove_done_callback(c1))
    f.add_done_callback(c3)
    async def waiter():
        await f
        print("waiter woke")
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    f.add_done_callback(c1)
    print(f.remove_done_callback(c2))
    f.add_done_callback(c4)
    f.set_result(1)
    await asyncio.sleep(0); await asyncio.sleep(0)
    g = loop.create_future()
    g.add_done_callback(c1)
    print(g.remove_done_callback(c1), g.remove_done_callback(c1), sep="\t")
    g.add_done_callback(c2)
    g.set_result(2)
    await asyncio.sleep(0)
asyncio.run(main())
