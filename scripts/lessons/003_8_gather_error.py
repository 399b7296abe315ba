# The CPython original of 003_8_gather_error.lua (lesson file 003_42129dd6232f0a06.txt, example 8).
# main.py
import asyncio
import threading
from datetime import datetime


class TerminateException(Exception):
    pass


async def sleep(secs):
    print(f"{datetime.now()} : {threading.get_ident()}")
    await asyncio.sleep(secs)
    print(f"{datetime.now()} : {threading.get_ident()}")
    raise TerminateException(secs)


async def main():
    t1 = asyncio.create_task(sleep(3))
    t2 = asyncio.create_task(sleep(2))

    try:
        await asyncio.gather(t1, t2)
    except* TerminateException as e:
        print(e)

    await asyncio.sleep(2)

    print(f"t1 canceled? : {t1.cancelled()}")
    print(f"t2 canceled? : {t2.cancelled()}")


if __name__ == '__main__':
    asyncio.run(main())
