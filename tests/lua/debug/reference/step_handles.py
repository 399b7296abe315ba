# Debug mode: a task's step runs as a Handle, and a report made during the
# step without frames of its own (context without source_traceback) shows
# where that handle was made, as handle_traceback: for the first step the
# frames that created the task, for a later step the frames of the waker
# (whatever completed what the task awaited: a set_result, an Event's set, a
# Queue's put, a cancel()). A wake-up by the loop itself (a timer, a task
# that ended) or by the task itself (sleep(0)) has only the loop's frames.
# Each frame is printed by the @tag on its line, innermost first; the
# frames of the loop and the module-level asyncio.run line are left out
# (luasync's tracebacks leave out the runtime's, and there the script's main
# chunk is a task of the loop, not below it): "none" when nothing is left,
# or when the context has none.
# The default handler adds handle_traceback to the context it is given; its
# text (on stderr) is not compared here (tests/lua/debug/step_handles.lua's
# header names the test of luasync's text).
import asyncio
import gc
import logging
import os
import re

logging.getLogger("asyncio").disabled = True
HERE = os.path.abspath(__file__)


def tags(frames):
    out = []
    for f in reversed(frames or []):
        if os.path.abspath(f.filename) == HERE and f.name != "<module>":
            m = re.search(r"@(\w+)", f.line or "")
            out.append(m.group(1) if m else "?")
    return " < ".join(out) if out else "none"


def handler(loop, context):
    loop.default_exception_handler(context)
    print(context["message"])
    print(f"  handle_traceback: {tags(context.get('handle_traceback'))}")
    if "source_traceback" in context:
        print(f"  source_traceback: {tags(context['source_traceback'])}")


def tell(what):
    asyncio.get_running_loop().call_exception_handler({"message": what})


async def child(ev, q, fut):
    tell("first step")
    await asyncio.sleep(0)
    tell("after sleep(0)")
    await asyncio.sleep(0.01)
    tell("after a timer")
    await fut
    tell("after a callback's set_result")
    await ev.wait()
    tell("after an Event's set")
    await q.get()
    tell("after a Queue's put")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        tell("after a cancel")
    await asyncio.sleep(0.01)
    return 1


def resolve(fut):
    fut.set_result(1)  # @resolve


def make(ev, q, fut):
    return asyncio.create_task(child(ev, q, fut))  # @create


def release(ev):
    ev.set()  # @set


async def failing():
    raise ValueError("lost")


def lose():
    asyncio.create_task(failing())  # @lose


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    ev, q, fut = asyncio.Event(), asyncio.Queue(), loop.create_future()
    t = make(ev, q, fut)  # @main_make
    await asyncio.sleep(0.05)
    loop.call_soon(resolve, fut)  # @main_call_soon
    await asyncio.sleep(0.05)
    release(ev)  # @main_release
    await asyncio.sleep(0.05)
    q.put_nowait(1)  # @main_put
    await asyncio.sleep(0.05)
    t.cancel()  # @main_cancel
    await t
    tell("after awaiting a task")
    # A done callback: where set_result scheduled it (its own frames), and a
    # report it makes has them as handle_traceback.
    f2 = loop.create_future()
    f2.add_done_callback(lambda f: tell("in a done callback"))
    resolve(f2)  # @main_resolve
    await asyncio.sleep(0)
    # A task's done callback is scheduled by the loop (the task ended).
    t.add_done_callback(lambda f: tell("in a done callback of a task done"))  # @main_add
    t2 = asyncio.create_task(asyncio.sleep(0.01))  # @main_t2
    t2.add_done_callback(lambda f: tell("in a task's done callback"))
    await t2
    await asyncio.sleep(0)
    # An error nobody retrieved: its own frames (the task's creation) as
    # source_traceback, so no handle_traceback.
    lose()  # @main_lose
    await asyncio.sleep(0)
    gc.collect()
    await asyncio.sleep(0)


asyncio.run(main(), debug=True)
