# A group that holds a BaseException that is not an Exception is a
# BaseExceptionGroup, which is not an Exception: a TaskGroup's, and what
# BaseExceptionGroup(...) makes (an ExceptionGroup when it is given
# Exceptions only). ExceptionGroup is both a BaseExceptionGroup and an
# Exception, and refuses a BaseException.
import asyncio

from _luastyle import p


class MyBase(BaseException):
    pass


def kinds(label, eg):
    p(label, eg, "| Exception", isinstance(eg, Exception), "BaseExceptionGroup",
      isinstance(eg, BaseExceptionGroup), "ExceptionGroup", isinstance(eg, ExceptionGroup))


async def main():
    # 1. a TaskGroup whose child raises a BaseException
    async def stop():
        await asyncio.sleep(0.1)
        raise MyBase("stop")

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(stop())
            await asyncio.sleep(1)
    except BaseException as eg:
        kinds("1", eg)
        p("1 sub", eg.exceptions[0])

    # 2. with Exceptions only: an ExceptionGroup
    async def fail():
        raise ValueError("v")

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail())
    except BaseException as eg:
        kinds("2", eg)

    # 3. BaseExceptionGroup(...) chooses by what it holds
    kinds("3", BaseExceptionGroup("m", [ValueError("v")]))
    kinds("3", BaseExceptionGroup("m", [MyBase("b"), ValueError("v")]))

    # 4. ExceptionGroup and its subclasses refuse a BaseException
    try:
        ExceptionGroup("x", [MyBase()])
    except TypeError as e:
        p("4", e)

    class MyEG(ExceptionGroup):
        pass

    try:
        MyEG("x", [MyBase()])
    except TypeError as e:
        p("4", e)

    # 5. a subclass of BaseExceptionGroup stays itself
    class MyBEG(BaseExceptionGroup):
        pass

    kinds("5", MyBEG("x", [ValueError("v")]))
    kinds("5", MyBEG("x", [MyBase()]))


asyncio.run(main())
