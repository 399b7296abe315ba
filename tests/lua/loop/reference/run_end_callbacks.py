import asyncio
from _luastyle import lua, fmt


async def main(tag):
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(lambda f: print(f"{tag}\tcallback got\t{f.result()}"))
    fut.set_result("hello")
    asyncio.get_running_loop().call_soon(print, f"{tag}\tsoon")
    print(f"{tag}\tmain returns")


asyncio.run(main("first"))
print("after the first run")


async def failing():
    asyncio.get_running_loop().call_soon(print, "second\tsoon")
    raise ValueError("boom")


try:
    asyncio.run(failing())
    print("after the second run\ttrue")
except ValueError as e:
    print(f"after the second run\tfalse\t{fmt(e)}")
