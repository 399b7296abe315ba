// The kernel's parts driven directly through their bindings (luasync.core):
// the ready queue, the wait primitive, the deadline slots, the boundary with
// the Lua half, and the queue core. The behaviour tests reach the same code
// through asyncio; these pin down each part's own contract. The queue
// scenario's order was checked against CPython 3.13 running the same steps.
#include <doctest/doctest.h>

#include "unit_fixture.hpp"

using luasync::test::LuaFixture;
using luasync::test::Strings;

namespace {
// A task that begins a wait on nothing in particular (a plain table, which
// has no abort) and reports what it was woken with; gen_of(task) answers the
// generation of a task's current wait.
constexpr const char* kWaiter = R"lua(
  core = require "luasync.core"
  function waiter(name)
    return asyncio.spawn(function()
      local exc = core.wait_on({})
      note(name, "woken with", exc, "iteration", iteration)
    end)
  end
  function gen_of(task) return select(2, core.wait_of(task)) end
)lua";

// cut_next_call(): the next function call after it raises "cut" (a call
// hook, set on the loop's thread and inherited by the coroutines made
// after it; it acts only once armed), as the runtime's own errors (out of
// memory) do.
constexpr const char* kCutter = R"lua(
  local armed = false
  debug.sethook(function()
    if armed then armed = false; error("cut") end
  end, "c")
  function cut_next_call() armed = true end
)lua";
}  // namespace

TEST_CASE_FIXTURE(LuaFixture, "the ready queue runs entries in the order they were added, one iteration at a time") {
  lua(R"lua(
    local core = require "luasync.core"
    core.call_soon(function(a, b) note("first", a, b, "iteration", iteration)
      core.call_soon(function() note("added while running, iteration", iteration) end)
    end, "x", "y")
    asyncio.spawn(function() note("task step, iteration", iteration) end)
    core.call_soon(function() note("third, iteration", iteration) end)
  )lua");
  CHECK(eval("drive(100)") == "2");
  CHECK(events() == Strings{
                        "first x y iteration 1",
                        "task step, iteration 1",
                        "third, iteration 1",
                        "added while running, iteration 2",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "an entry whose error leaves the loop leaves the rest of its batch to run next, first") {
  // The runtime's own callbacks raise only when memory runs out; a raising
  // entry stands for one here. Nothing of the batch may be lost, the loop
  // must not block while the rest waits, and what was added meanwhile comes
  // after it.
  lua(R"lua(
    local core = require "luasync.core"
    core.call_soon(function() note("first, iteration", iteration) end)
    core.call_soon(function() error("entry failed") end)
    core.call_soon(function() note("third, iteration", iteration)
      core.call_soon(function() note("added by third, iteration", iteration) end)
    end)
    asyncio.spawn(function() note("task step, iteration", iteration) end)
  )lua");
  CHECK(eval("select(2, pcall(drive, 100)):match('entry failed')") == "entry failed");
  lua(R"lua(
    require("luasync.core").call_soon(function() note("added after the error, iteration", iteration) end)
  )lua");
  CHECK(eval("drive(100)") == "2");
  CHECK(events() == Strings{
                        "first, iteration 1",
                        "third, iteration 2",
                        "task step, iteration 2",
                        "added after the error, iteration 3",
                        "added by third, iteration 3",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "wait_stop resumes the task after the whole next batch, before what that batch queued") {
  // asyncio.run's stop, as CPython's run_until_complete: the marker it
  // queues runs in the next batch, where the entries after it run too; the
  // task's step comes last in that batch, so what it does then comes before
  // anything the batch queued. A cancel() meanwhile raises at that step.
  lua(R"lua(
    local core = require "luasync.core"
    asyncio.spawn(function()
      core.call_soon(function() note("queued before the stop, iteration", iteration) end)
      core.wait_stop()
      note("stopped, iteration", iteration)
      core.call_soon(function() note("queued by the stopped task, iteration", iteration) end)
    end)
    asyncio.spawn(function()
      note("other task, iteration", iteration)
      core.call_soon(function()
        note("queued after the stop, iteration", iteration)
        core.call_soon(function() note("queued in the stop's iteration, iteration", iteration) end)
      end)
    end)
    local t = asyncio.spawn(function()
      local ok, e = pcall(core.wait_stop)
      note("cancelled at the stop:", not ok and asyncio.CancelledError:is(e), "iteration", iteration)
    end)
    core.call_soon(function() t:cancel() end)
  )lua");
  CHECK(eval("drive(100)") == "3");
  CHECK(events() == Strings{
                        "other task, iteration 1",
                        "queued before the stop, iteration 2",
                        "queued after the stop, iteration 2",
                        "stopped, iteration 2",
                        "cancelled at the stop: true iteration 2",
                        "queued in the stop's iteration, iteration 3",
                        "queued by the stopped task, iteration 3",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "first steps of tasks spawned one after another keep their place among other entries") {
  // spawn(fn, arg) queues the first steps of consecutive tasks as one entry
  // (a range of their numbers): what is queued between them, and what they
  // queue themselves, keeps its place; a task cancelled before its first
  // step, or given a name, keeps its own.
  lua(R"lua(
    local core = require "luasync.core"
    local function step(name) note(name, "iteration", iteration) end
    asyncio.spawn(step, "t1")
    local t2 = asyncio.spawn(step, "t2")
    core.call_soon(function() note("call_soon between, iteration", iteration) end)
    asyncio.spawn(function(name)
      step(name)
      asyncio.spawn(step, "t3's child")
      core.call_soon(function() note("call_soon by t3, iteration", iteration) end)
    end, "t3")
    asyncio.spawn(step, "t4")
    asyncio.create_task(asyncio.sleep(0, "x"), {name = "named"})
    asyncio.spawn(step, "t5")
    t2:cancel()
    asyncio.spawn(step, "t6")
    asyncio.spawn(function(t) note("t2 cancelled:", t:cancelled(), "iteration", iteration) end, t2)
  )lua");
  CHECK(eval("drive(100)") == "2");
  CHECK(events() == Strings{
                        "t1 iteration 1",
                        "call_soon between, iteration 1",
                        "t3 iteration 1",
                        "t4 iteration 1",
                        "t5 iteration 1",
                        "t6 iteration 1",
                        "t2 cancelled: true iteration 1",
                        "t3's child iteration 2",
                        "call_soon by t3, iteration 2",
                    });
}

TEST_CASE_FIXTURE(LuaFixture,
                  "an error that leaves the loop in a range of first steps leaves the rest of it to run next, first") {
  // A hook on the loop's thread raises in prepare_step, which the kernel
  // calls for t2's first step (it was cancelled): the error leaves the
  // loop as the runtime's own errors do (out of memory). t3 and t4, the rest
  // of the range, run next (the rest of a batch is a batch), before the
  // entry queued after the range and before what was added after the error.
  // t2's step is lost with the error, as a raising entry is: its step,
  // queued again, finishes it.
  lua(kCutter);
  lua(R"lua(
    local core = require "luasync.core"
    asyncio.spawn(function(name) note(name, "iteration", iteration); cut_next_call() end, "t1")
    t2 = asyncio.spawn(function() note("t2 ran") end, "t2")
    asyncio.spawn(function(name) note(name, "iteration", iteration) end, "t3")
    asyncio.spawn(function(name) note(name, "iteration", iteration) end, "t4")
    core.call_soon(function() note("after the range, iteration", iteration) end)
    t2:cancel()
  )lua");
  CHECK(eval("select(2, pcall(drive, 100)):match('cut')") == "cut");
  lua(R"lua(
    debug.sethook()
    require("luasync.core").call_soon(function() note("added after the error, iteration", iteration) end)
  )lua");
  CHECK(eval("drive(100)") == "2");
  lua(R"lua(
    require("luasync.core").call_soon_step(t2)
    drive(100)
    note("t2 cancelled:", t2:cancelled())
  )lua");
  CHECK(events() == Strings{
                        "t1 iteration 1",
                        "t3 iteration 2",
                        "t4 iteration 2",
                        "after the range, iteration 2",
                        "added after the error, iteration 3",
                        "t2 cancelled: true",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "what an error left of a range of first steps keeps the loop from stalling") {
  // As above, with nothing queued after the range: the loop has its rest to
  // run, not nothing.
  lua(kCutter);
  lua(R"lua(
    asyncio.spawn(function(name) note(name, "iteration", iteration); cut_next_call() end, "t1")
    t2 = asyncio.spawn(function() note("t2 ran") end, "t2")
    asyncio.spawn(function(name) note(name, "iteration", iteration) end, "t3")
    t2:cancel()
  )lua");
  CHECK(eval("select(2, pcall(drive, 100)):match('cut')") == "cut");
  lua("debug.sethook()");
  CHECK(eval("drive(100)") == "1");
  lua(R"lua(
    require("luasync.core").call_soon_step(t2)
    drive(100)
  )lua");
  CHECK(events() == Strings{"t1 iteration 1", "t3 iteration 2"});
}

TEST_CASE_FIXTURE(LuaFixture, "call_soon refuses what it cannot call") {
  // (the function's name in the message is whichever loaded module Lua finds it in first)
  CHECK(eval("select(2, pcall(require('luasync.core').call_soon, 42)):match('%(.*')") ==
        "(function expected, got number)");
}

TEST_CASE_FIXTURE(LuaFixture, "a wake-up reschedules a waiting task once; later ones with its generation are dropped") {
  lua(kWaiter);
  lua(R"lua(
    t = waiter("w")
    drive(1)
    gen = gen_of(t)
    note("first wake:", core.wake(t, gen))
    note("second wake:", core.wake(t, gen))
  )lua");
  CHECK(eval("drive(100)") == "1");
  CHECK(events() == Strings{
                        "first wake: true",
                        "second wake: false",
                        "w woken with nil iteration 2",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "a wake-up with the generation of an earlier wait is stale") {
  lua(kWaiter);
  lua(R"lua(
    t = asyncio.spawn(function()
      core.wait_on({})
      core.wait_on({})
      note("woken by the second generation")
    end)
    drive(1)
    old = gen_of(t)
    core.wake(t, old)
    drive(1)
    gen = gen_of(t)
    note("second wait begun, first stale:", old ~= gen)
    note("old generation wakes:", core.wake(t, old))
    note("current generation wakes:", core.wake(t, gen))
  )lua");
  CHECK(eval("drive(100)") == "1");
  CHECK(events() == Strings{
                        "second wait begun, first stale: true",
                        "old generation wakes: false",
                        "current generation wakes: true",
                        "woken by the second generation",
                    });
}

TEST_CASE_FIXTURE(LuaFixture,
                  "a wait whose abort fails is not aborted twice; the step its waker schedules raises CancelledError") {
  lua(kWaiter);
  lua(R"lua(
    local wait = require "luasync.wait"
    local Thing = { __name = "Thing" }
    calls = 0
    wait.register(Thing, function() calls = calls + 1 return false end)
    t = asyncio.spawn(function()
      local exc = core.wait_on(setmetatable({}, Thing))
      note("woken with", exc)
      local ok, e = pcall(await, asyncio.sleep(0))
      note("next await raises CancelledError:", asyncio.CancelledError:is(e))
    end)
    drive(1)
    gen = gen_of(t)
    note("cancel:", t:cancel(), t:cancel(), "abort calls:", calls)
    core.wake(t, gen)
  )lua");
  lua("drive(1000)");
  CHECK(events() == Strings{
                        "cancel: true true abort calls: 1",
                        "woken with CancelledError",
                        "next await raises CancelledError: false",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "an abort that ends the wait wakes the task with CancelledError; its waker is then stale") {
  lua(kWaiter);
  lua(R"lua(
    local wait = require "luasync.wait"
    local Thing = { __name = "Thing" }
    wait.register(Thing, function(what, task, msg) note("abort", msg) return wait.ABORTED end)
    t = asyncio.spawn(function()
      local exc = core.wait_on(setmetatable({}, Thing))
      note("woken with", exc, "state", core.wait_state(t))
    end)
    drive(1)
    gen = gen_of(t)
    note("cancel:", t:cancel("stop"))
    note("the waker after the abort:", core.wake(t, gen))
  )lua");
  lua("drive(1000)");
  CHECK(events() == Strings{
                        "abort stop",
                        "cancel: true",
                        "the waker after the abort: false",
                        "woken with CancelledError: stop state aborted",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "a deadline's entry joins the ready queue when it comes due; a cancelled one never runs") {
  lua(R"lua(
    local core = require "luasync.core"
    local owner, other = {}, {}
    core.call_at(core.now() + 2, function(a, b) note("at 2", a == owner, b) end, owner, "b")
    local gone = core.call_at(core.now() + 1, function() note("cancelled one ran") end, owner)
    core.call_at(core.now() + 3, function() note("at 3") end, other)
    note("cancel with another owner:", core.cancel_at(gone, other))
    note("cancel:", core.cancel_at(gone, owner), "again:", core.cancel_at(gone, owner))
  )lua");
  lua("drive(1000)");
  CHECK(events() == Strings{
                        "cancel with another owner: false",
                        "cancel: true again: false",
                        "at 2 true b",
                        "at 3",
                    });
  CHECK(eval("pending_deadlines()") == "0");
}

TEST_CASE_FIXTURE(LuaFixture, "sleeps and other deadlines that reuse each other's ids each run their own entry") {
  // A sleep's deadline keeps only its task in a Lua slot (its generation is
  // the kernel's); a call_at's keeps fn, a, b. Ids are reused as soon as a
  // deadline is cancelled or comes due.
  lua(R"lua(
    local core = require "luasync.core"
    local owner = {}
    local s1 = asyncio.spawn(function() await(asyncio.sleep(1)) note("sleep 1 ended") end)
    local s2 = asyncio.spawn(function() await(asyncio.sleep(5)) note("sleep 5 ended") end)
    drive(1)  -- both sleeping
    s1:cancel()
    drive(1)  -- the 1 s sleep's id is free again
    core.call_at(core.now() + 2, function(a, b) note("call_at 2", a == owner, b) end, owner, "b")
    asyncio.spawn(function() await(asyncio.sleep(3)) note("sleep 3 ended") end)
    local gone = core.call_at(core.now() + 4, function() note("cancelled call ran") end, owner)
    note("cancel:", core.cancel_at(gone, owner))
    asyncio.spawn(function() await(asyncio.sleep(4)) note("sleep 4 ended") end)
  )lua");
  lua("drive(1000)");
  CHECK(events() == Strings{
                        "cancel: true",
                        "call_at 2 true b",
                        "sleep 3 ended",
                        "sleep 4 ended",
                        "sleep 5 ended",
                    });
  CHECK(eval("pending_deadlines()") == "0");
}

TEST_CASE_FIXTURE(LuaFixture, "the I/O bindings open at the first lookup of one of their names, once") {
  lua(R"lua(
    local core = require "luasync.core"
    note("before:", rawget(core, "stream_read") == nil, rawget(core, "O") == nil)
    local read = core.stream_read
    note("after:", type(read), rawget(core, "stream_read") == read, type(core.O.RDONLY), getmetatable(core) == nil)
    note("unknown:", core.no_such_binding)
  )lua");
  CHECK(events() == Strings{
                        "before: true true",
                        "after: function true number true",
                        "unknown: nil",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "every Lua function of kernel/boundary.hpp is provided once the library is loaded") {
  lua(R"lua(
    for _, m in ipairs({ "luasync.asyncio", "luasync.queues", "luasync.locks", "luasync.taskgroup",
                         "luasync.agen", "luasync.runner", "luasync.streams",
                         "luasync.subprocess", "luasync.files", "luasync.threads",
                         "luasync.http", "luasync.debug",
                         "luasync.trace", "luasync.inspect" }) do require(m) end
  )lua");
  CHECK(exec("require('luasync.core').check_provided()") == "");
  CHECK(exec("require('luasync.core').provide('no_such_function', print)").find("not a function of kernel/boundary.hpp") !=
        std::string::npos);
}

TEST_CASE_FIXTURE(LuaFixture, "the queue core wakes its getters first come, first served, and skips cancelled ones") {
  CHECK(run_main(R"lua(
    local q = asyncio.Queue()
    local getters = {}
    for i = 1, 4 do
      getters[i] = asyncio.spawn(function()
        local ok, v = pcall(await, q:get())
        note("getter", i, ok and v or "cancelled")
      end)
    end
    await(asyncio.sleep(0))
    getters[2]:cancel()
    note("waiting before the cancelled one leaves:", tostring(q))
    for _, v in ipairs({ "a", "b" }) do q:put_nowait(v) end
    note("after two puts:", tostring(q))
    await(asyncio.sleep(0))
    q:put_nowait("c")
    await(asyncio.sleep(0))
    note("left:", tostring(q))
  )lua") == 0);
  CHECK(events() == Strings{
                        "waiting before the cancelled one leaves: <Queue maxsize=0 _getters[4]>",
                        "after two puts: <Queue maxsize=0 _queue=['a', 'b'] _getters[1] tasks=2>",
                        "getter 2 cancelled",
                        "getter 1 a",
                        "getter 3 b",
                        "getter 4 c",
                        "left: <Queue maxsize=0 tasks=3>",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "the queue core refuses what is not a queue, naming the method") {
  lua("q = asyncio.Queue()");
  CHECK(eval("select(2, pcall(q.get_nowait, {}))") ==
        "bad argument #1 to 'get_nowait' (Queue expected; call it as q:get_nowait(...))");
  CHECK(eval("select(2, pcall(q.put, 42))") == "bad argument #1 to 'put' (Queue expected; call it as q:put(...))");
  CHECK(eval("select(2, pcall(q.qsize))") == "bad argument #1 to 'qsize' (Queue expected; call it as q:qsize(...))");
}
