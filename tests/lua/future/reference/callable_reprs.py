# A callable object as a callback: Future and Handle reprs and the error
# report's message show it by repr(obj) and "()", with no place
# (format_helpers._format_callback: an object that is not a function has no
# __qualname__, and no source).
import asyncio
from _luastyle import fmt


class Dummy:
    def __repr__(self):
        return "<Dummy>"

    def __call__(self, *args):
        raise ValueError("called")


async def main():
    loop = asyncio.get_running_loop()
    dummy = Dummy()
    f = loop.create_future()
    f.add_done_callback(dummy)
    print(repr(f))
    f.add_done_callback(dummy)
    f.add_done_callback(dummy)
    print(repr(f))
    h = loop.call_soon(dummy)
    print(repr(h))
    h.cancel()
    print(repr(h))
    f.remove_done_callback(dummy)

    # its error, told to the exception handler: a loop callback's (its
    # arguments are shown in debug mode only), then a done callback's
    def handler(loop, context):
        print(context["message"])
        print(repr(context["handle"]))
        print(fmt(context["exception"]))

    loop.set_exception_handler(handler)
    loop.call_soon(dummy, 7)
    await asyncio.sleep(0)
    g = loop.create_future()
    g.add_done_callback(dummy)
    g.set_result(1)
    await asyncio.sleep(0)
    loop.set_exception_handler(None)


asyncio.run(main())
