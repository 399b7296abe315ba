# PriorityQueue order for (priority, data) items, as Python compares tuples:
# ties on the priority broken by the next element, a shorter prefix first,
# 1 and 1.0 equal, nested tuples, strings; gets interleaved with puts, so
# the heap's own order (heapq's) shows, and every item comes out once.
import asyncio
from _luastyle import p


def show(x):
    if isinstance(x, tuple):
        return "{" + ",".join(show(v) for v in x) + "}"
    if isinstance(x, float):
        return repr(x)
    return str(x)


async def main():
    q = asyncio.PriorityQueue()
    # 1. numbers: 200 items, priorities with many ties, ids break them
    early = []
    for i in range(1, 201):
        q.put_nowait(((i * 37) % 7, i))
        if i % 5 == 0:
            prio, ident = q.get_nowait()
            early.append(f"{prio}:{ident}")
    p("1 early", " ".join(early))
    out = []
    while not q.empty():
        prio, ident = q.get_nowait()
        out.append(f"{prio}:{ident}")
    p("1 rest", " ".join(out))

    # 2. mixed shapes: shorter prefix first, int and float equal, nested
    items = [(2, "b"), (1,), (1, "z"), (1.0, "a"), (2,), (1, "a", 0),
             ((1, 2), "n"), ((1, 1), "m"), ((1,), "l"), (0.5, "half"),
             (-1, "neg"), (2, "a"), (1, "a")]
    # (the nested ones are compared among themselves only)
    flat = [x for x in items if not isinstance(x[0], tuple)]
    nested = [x for x in items if isinstance(x[0], tuple)]
    for group in (flat, nested):
        q = asyncio.PriorityQueue()
        for x in group:
            await q.put(x)
        out = []
        while not q.empty():
            out.append(show(await q.get()))
        p("2", " ".join(out))

    # 3. string priorities, then a second key
    q = asyncio.PriorityQueue()
    for i, name in enumerate(["pear", "apple", "fig", "apple", "Fig", "pear", "", "apple"]):
        q.put_nowait((name, 8 - i))
    out = []
    while not q.empty():
        out.append(show(q.get_nowait()))
    p("3", " ".join(out))


asyncio.run(main())
