// The Task state machine and the scheduler, driven through a real LuaState on
// a Loop with the virtual clock. Expected event orders were checked against
// CPython 3.13 running the same scenarios.
#include <doctest/doctest.h>

#include "unit_fixture.hpp"

using luasync::test::LuaFixture;
using luasync::test::Strings;

TEST_CASE_FIXTURE(LuaFixture, "a task runs its first step on the next iteration, tasks in creation order") {
  lua(R"lua(
    for _, name in ipairs({ "A", "B", "C" }) do
      asyncio.spawn(function()
        note(name, "step 1, iteration", iteration)
        await(asyncio.sleep(0))
        note(name, "step 2, iteration", iteration)
      end)
    end
    note("created, iteration", iteration)
  )lua");
  CHECK(eval("drive(100)") == "2");
  CHECK(events() == Strings{
                        "created, iteration 0",
                        "A step 1, iteration 1",
                        "B step 1, iteration 1",
                        "C step 1, iteration 1",
                        "A step 2, iteration 2",
                        "B step 2, iteration 2",
                        "C step 2, iteration 2",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "a task created inside a task starts only after its creator yields") {
  CHECK(run_main(R"lua(
    local t = asyncio.spawn(function() note("child runs") end)
    note("created, child done:", t:done())
    await(asyncio.sleep(0))
    note("main resumed, child done:", t:done())
  )lua") == 0);
  CHECK(events() == Strings{
                        "created, child done: false",
                        "child runs",
                        "main resumed, child done: true",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "a task moves from pending to finished exactly once, keeping every value it returned") {
  CHECK(run_main(R"lua(
    local t = asyncio.spawn(function(a, b) await(asyncio.sleep(1)) return a + b, "two", nil end, 1, 2)
    note("pending:", t:done(), t:cancelled())
    local ok, e = pcall(t.result, t)
    note("result while pending:", ok, asyncio.InvalidStateError:is(e))
    local n = select("#", await(t))
    note("await gave", n, "values:", await(t))
    note("finished:", t:done(), t:cancelled(), t:exception())
    note("cancel after done:", t:cancel(), t:cancelled(), t:cancelling())
  )lua") == 0);
  CHECK(events() == Strings{
                        "pending: false false",
                        "result while pending: false true",
                        "await gave 3 values: 3 two nil",
                        "finished: true false nil",
                        "cancel after done: false false 0",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "cancel before the first step never runs the body") {
  CHECK(run_main(R"lua(
    local body = asyncio.spawn(function() note("spawned body ran") end)
    local coro = asyncio.create_task((async(function() note("coroutine body ran") end))())
    note("cancel:", body:cancel(), coro:cancel())
    for _, t in ipairs({ body, coro }) do
      local ok, e = pcall(await, t)
      note("await:", ok, asyncio.CancelledError:is(e), "cancelled:", t:cancelled(), "done:", t:done())
    end
  )lua") == 0);
  // No "never awaited" warning either: the coroutine object counts as used.
  CHECK(events() == Strings{
                        "cancel: true true",
                        "await: false true cancelled: true done: true",
                        "await: false true cancelled: true done: true",
                    });
}

TEST_CASE_FIXTURE(LuaFixture,
                  "cancel of a sleeping task wakes it at once with CancelledError and cancelled() is true") {
  CHECK(run_main(R"lua(
    local loop = asyncio.get_running_loop()
    local t0 = loop:time()
    local function at() return string.format("%.3f", loop:time() - t0) end
    local t = asyncio.spawn(function()
      local ok, e = pcall(await, asyncio.sleep(100))
      note("woke:", ok, asyncio.CancelledError:is(e), e.message, "at", at())
      error(e, 0)
    end)
    await(asyncio.sleep(1))
    note("deadlines before cancel:", pending_deadlines())
    note("cancel:", t:cancel("bye"), "deadlines after:", pending_deadlines())
    local ok, e = pcall(await, t)
    note("await:", ok, asyncio.CancelledError:is(e), e.message, "cancelled:", t:cancelled(), "at", at())
  )lua") == 0);
  CHECK(events() == Strings{
                        "deadlines before cancel: 1",
                        "cancel: true deadlines after: 0",
                        "woke: false true bye at 1.000",
                        "await: false true bye cancelled: true at 1.000",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "done callbacks run on a later iteration, in registration order") {
  lua(R"lua(
    t = asyncio.spawn(function() note("body, iteration", iteration) return 42 end)
    for _, name in ipairs({ "cb1", "cb2", "cb3" }) do
      t:add_done_callback(function(f) note(name, f:result(), "iteration", iteration) end)
    end
    local removed = function() note("removed callback ran") end
    t:add_done_callback(removed)
    note("removed:", t:remove_done_callback(removed))
  )lua");
  CHECK(eval("drive(100)") == "2");
  CHECK(events() == Strings{
                        "removed: 1",
                        "body, iteration 1",
                        "cb1 42 iteration 2",
                        "cb2 42 iteration 2",
                        "cb3 42 iteration 2",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "a done callback added to a finished task runs on the next iteration, not at once") {
  lua(R"lua(
    t = asyncio.spawn(function() return "r" end)
    drive(1)
    t:add_done_callback(function(f) note("late callback", f:result(), "iteration", iteration) end)
    note("added, iteration", iteration)
  )lua");
  CHECK(eval("drive(100)") == "1");
  CHECK(events() == Strings{
                        "added, iteration 1",
                        "late callback r iteration 2",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "a failed task's error is re-raised by await, every time, as the same value") {
  CHECK(run_main(R"lua(
    local table_error = { code = 7 }
    local instance = asyncio.ValueError("bad value")
    for _, case in ipairs({ { "table", table_error }, { "instance", instance } }) do
      local t = asyncio.spawn(function() await(asyncio.sleep(0)) error(case[2]) end)
      local ok1, e1 = pcall(await, t)
      local ok2, e2 = pcall(await, t)
      local ok3, e3 = pcall(t.result, t)
      note(case[1], ok1, e1 == case[2], ok2, e2 == case[2], ok3, e3 == case[2], t:exception() == case[2])
    end
    local t = asyncio.spawn(function() error("boom") end)
    local ok, e = pcall(await, t)
    note("string", ok, e, t:done(), t:cancelled())
    note("ValueError is still", tostring(instance))
  )lua") == 0);
  CHECK(events() == Strings{
                        "table false true false true false true true",
                        "instance false true false true false true true",
                        "string false test:11: boom true false",
                        "ValueError is still ValueError: bad value",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "a failed task whose error nobody retrieves is reported") {
  expect_reports();
  CHECK(run_main(R"lua(
    asyncio.spawn(function() error("lost") end)
    await(asyncio.sleep(0))
  )lua") == 0);
  Strings r = reports();
  REQUIRE(r.size() == 1);
  CHECK(r[0].rfind("Task exception was never retrieved", 0) == 0);
  CHECK(r[0].find("test:2: lost") != std::string::npos);
}

TEST_CASE_FIXTURE(LuaFixture, "an uncaught error in the main task makes the runner answer 1 and report it") {
  expect_reports();
  CHECK(run_main("error('main failed')") == 1);
  Strings r = reports();
  REQUIRE(r.size() == 1);
  CHECK(r[0].find("test:1: main failed") != std::string::npos);
}

TEST_CASE_FIXTURE(LuaFixture, "every cancel counts in cancelling() and uncancel() counts down") {
  CHECK(run_main(R"lua(
    local t = asyncio.spawn(function()
      local ok = pcall(await, asyncio.sleep(10))
      local me = asyncio.current_task()
      note("caught:", not ok, "cancelling", me:cancelling())
      note("uncancel ->", me:uncancel())
      note("after:", me:cancelling())
      await(asyncio.sleep(1))
      note("slept on")
      return "done"
    end)
    await(asyncio.sleep(0))
    note("before:", t:cancelling())
    note("cancel:", t:cancel())
    note("cancel:", t:cancel())
    note("cancelling:", t:cancelling())
    note("result:", await(t), t:cancelling(), t:cancelled())
  )lua") == 0);
  CHECK(events() == Strings{
                        "before: 0",
                        "cancel: true",
                        "cancel: true",
                        "cancelling: 2",
                        "caught: true cancelling 2",
                        "uncancel -> 1",
                        "after: 1",
                        "slept on",
                        "result: done 1 false",
                    });
}

TEST_CASE_FIXTURE(LuaFixture, "uncancel back to zero before suspending withdraws a pending cancel") {
  CHECK(run_main(R"lua(
    local t = asyncio.spawn(function()
      local me = asyncio.current_task()
      note("cancel:", me:cancel(), me:cancelling())
      note("uncancel:", me:uncancel(), me:uncancel())
      await(asyncio.sleep(0))
      note("not cancelled")
    end)
    await(t)
    note("cancelled:", t:cancelled())
  )lua") == 0);
  CHECK(events() == Strings{
                        "cancel: true 1",
                        "uncancel: 0 0",
                        "not cancelled",
                        "cancelled: false",
                    });
}

// The next three pin down the wait primitive (docs/architecture.md): exactly one wake-up per
// suspension. A task that swallows the CancelledError sleeps again; a stray
// second wake-up would resume it early from that second sleep.
namespace {
constexpr const char* kSleeperTwice = R"lua(
  loop = asyncio.get_running_loop()
  t0 = loop:time()
  local function at() return string.format("%.3f", loop:time() - t0) end
  a = asyncio.spawn(function()
    for _, delay in ipairs({ 1, 5 }) do
      local ok, e = pcall(await, asyncio.sleep(delay))
      note("A resumed", ok and "normally" or tostring(e), "at", at(), "iteration", iteration)
    end
  end)
)lua";
const Strings kResumedOnce{
    "cancel true iteration 2",
    "A resumed CancelledError at 1.000 iteration 3",
    "A resumed normally at 6.000 iteration 5",
};
}  // namespace

TEST_CASE_FIXTURE(LuaFixture, "a task woken by its timer and cancelled in the same iteration resumes once") {
  lua(kSleeperTwice);
  // A's deadline is registered in its first step, so it comes due before the
  // callback that shares its time.
  CHECK(eval("drive(1)") == "1");
  lua(R"lua(loop:call_at(t0 + 1, function() note("cancel", a:cancel(), "iteration", iteration) end))lua");
  CHECK(eval("drive(100)") == "4");
  CHECK(events() == kResumedOnce);
  CHECK(eval("a:cancelled()") == "false");
  CHECK(eval("a:cancelling()") == "1");
}

TEST_CASE_FIXTURE(LuaFixture, "a task cancelled and then woken by its timer in the same iteration resumes once") {
  lua(kSleeperTwice);
  // The callback's deadline is registered first, so the cancel runs before
  // the (now stale) timer wake-up in the same iteration.
  lua(R"lua(loop:call_at(t0 + 1, function() note("cancel", a:cancel(), "iteration", iteration) end))lua");
  CHECK(eval("drive(100)") == "5");
  CHECK(events() == kResumedOnce);
  CHECK(eval("a:cancelled()") == "false");
  CHECK(eval("a:cancelling()") == "1");
}

TEST_CASE_FIXTURE(LuaFixture,
                  "a task whose future completes and that is cancelled in the same iteration resumes once") {
  lua(R"lua(
    f = asyncio.Future()
    a = asyncio.spawn(function()
      local ok, r = pcall(await, f)
      note("A resumed", ok and r or tostring(r), "iteration", iteration)
      await(asyncio.sleep(1))
      note("A slept, iteration", iteration)
    end)
    drive(1)
    asyncio.get_running_loop():call_soon(function()
      f:set_result(7)
      note("cancel", a:cancel(), "iteration", iteration)
    end)
  )lua");
  CHECK(eval("drive(100)") == "4");
  CHECK(events() == Strings{
                        "cancel true iteration 2",
                        "A resumed CancelledError iteration 3",
                        "A slept, iteration 5",
                    });
  CHECK(eval("f:result()") == "7");
  CHECK(eval("a:cancelled()") == "false");
}
