import asyncio
from _luastyle import lua, fmt


classes = [
    ("BaseException", BaseException),
    ("Exception", Exception),
    ("CancelledError", asyncio.CancelledError),
    ("TimeoutError", asyncio.TimeoutError),
    ("InvalidStateError", asyncio.InvalidStateError),
    ("QueueEmpty", asyncio.QueueEmpty),
    ("QueueFull", asyncio.QueueFull),
    ("KeyboardInterrupt", KeyboardInterrupt),
    ("RuntimeError", RuntimeError),
    ("ValueError", ValueError),
    ("TypeError", TypeError),
]


async def main():
    # which classes each instance belongs to
    for name, cls in classes:
        e = cls("m")
        base = lua(isinstance(e, BaseException))
        exc = lua(isinstance(e, Exception))
        print(f"{name}: BaseException={base} Exception={exc}")

    print(f"CancelledError is TimeoutError: {lua(isinstance(asyncio.CancelledError(), asyncio.TimeoutError))}")
    print(f"InvalidStateError is CancelledError: {lua(isinstance(asyncio.InvalidStateError(), asyncio.CancelledError))}")
    print(f"TimeoutError is TimeoutError: {lua(isinstance(asyncio.TimeoutError(), asyncio.TimeoutError))}")

    # string forms
    print(fmt(asyncio.TimeoutError()))
    print(fmt(asyncio.CancelledError()))
    print(fmt(asyncio.CancelledError("msg")))
    print(fmt(asyncio.InvalidStateError("Result is not set.")))
    print(fmt(ValueError("bad value")))

    # the message
    print(asyncio.CancelledError("bye").args[0])
    print(asyncio.TimeoutError("too late").args[0])

    # raising and catching
    try:
        raise asyncio.TimeoutError("late")
    except Exception as e:
        print(f"caught {fmt(e)} is TimeoutError={lua(isinstance(e, asyncio.TimeoutError))}")

    try:
        raise asyncio.CancelledError("gone")
    except BaseException as e:
        print(f"caught {fmt(e)} is Exception={lua(isinstance(e, Exception))}")

    # ExceptionGroup's arguments are checked as CPython's
    for args in [("m", []), ("m",), (), ("m", [ValueError()], 3), ("m", 5), ("m", [asyncio.CancelledError()])]:
        try:
            ExceptionGroup(*args)
        except Exception as e:
            print(f"ExceptionGroup({len(args)} arguments): {fmt(e)}")

    # errors raised inside a task keep their class through await
    async def raiser(cls, msg):
        await asyncio.sleep(0)
        raise cls(msg)

    for name, cls in classes[2:]:
        if cls is KeyboardInterrupt:
            continue  # it would stop the loop
        t = asyncio.create_task(raiser(cls, f"from {name}"))
        try:
            await t
        except BaseException as e:
            print(f"{name}: caught {fmt(e)} is {name}={lua(isinstance(e, cls))}")


asyncio.run(main())
