---@meta
-- The globals of luasync: async, await and the time module. Written by scripts/gen-types.lua from the runtime's help(): do not edit.

--- Makes an async function (Python's async def). Calling it does not run fn: it returns a coroutine
--- object holding the arguments. await it to run it inline in the current task, or wrap it in a
--- task (asyncio.create_task) to run it concurrently. A coroutine object runs at most once (a
--- second await raises RuntimeError: cannot reuse already awaited coroutine, or coroutine is being
--- awaited already while the first await is still running it); one collected without ever running
--- prints RuntimeWarning: coroutine '<name>' was never awaited. An async function may return
--- several values. fn may also be a callable object (a table or userdata with __call).
---
--- Python: `async def double(x): await asyncio.sleep(1); return 2 * x`
---@param fn fun(...): ...
---@return fun(...): asyncio.Coroutine
function async(fn) end

--- Runs or waits for an awaitable and returns every value it produced, or raises its error.
--- Awaitables: coroutine objects (run inline in the current task, no new task), Tasks and Futures
--- (the task suspends until they are done), and values whose metatable has __await. Anything else
--- raises TypeError: object <type> can't be used in 'await' expression, <type> being its class (its
--- metatable's __name: Lock, Queue...) or else Lua's type. await works only inside a task; scripts
--- and prompt inputs already run as tasks. It is a function, so the form is always await(x).
---
--- Python: `print(await asyncio.sleep(1, "slept"))`
---@param aw any a coroutine object, a Task or a Future
---@return any ...
function await(aw) end

--- Clocks and blocking sleep, as Python's time module (time.sleep blocks the whole loop: use
--- await(asyncio.sleep(s)) in a task).
time = {}
--- Seconds since the epoch (wall clock).
---@return number
function time.time() end
--- Seconds of a clock that never goes back.
---@return number
function time.monotonic() end
--- Seconds of the highest-resolution clock.
---@return number
function time.perf_counter() end
--- Nanoseconds since the epoch.
---@return integer
function time.time_ns() end
--- time.monotonic in nanoseconds.
---@return integer
function time.monotonic_ns() end
--- time.perf_counter in nanoseconds.
---@return integer
function time.perf_counter_ns() end
--- Blocks the whole program (every task) for s seconds, as Python's time.sleep.
---@param s number
function time.sleep(s) end
