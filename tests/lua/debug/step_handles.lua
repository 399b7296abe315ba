-- Debug mode: a task's step runs as a Handle, and a report made during the
-- step without frames of its own (a context without source_traceback)
-- shows where that handle was made, as handle_traceback: for the first
-- step the frames that created the task, for a later step the frames of
-- the waker (whatever completed what the task awaited: a set_result, an
-- Event's set, a Queue's put, a cancel()). A wake-up by the loop itself (a
-- timer, a task that ended) or by the task itself (sleep(0)) has none.
-- Each frame is printed by the @tag on its line, innermost first, without
-- the main chunk's (CPython's module-level asyncio.run line, below its
-- loop; here the main chunk is a task of the loop): "none" when nothing is
-- left, or when the context has none. The default handler adds
-- handle_traceback to the context it is given; its text on stderr is
-- debug_handles.lua's ("a task's steps").
-- Reference: reference/step_handles.py
local SOURCE = {}
for line in io.lines(arg[0]) do SOURCE[#SOURCE + 1] = line end
local ME = arg[0]:match("[^/]+$")

local function tags(frames)
  local out = {}
  for file, line, what in (frames or ""):gmatch("\t([^\n]-):(%d+): in ([^\n]*)") do
    if file:match("[^/]+$") == ME and what ~= "main chunk" then
      out[#out + 1] = SOURCE[tonumber(line)]:match("@(%w[%w_]*)") or "?"
    end
  end
  return #out > 0 and table.concat(out, " < ") or "none"
end

local function handler(loop, context)
  loop:default_exception_handler(context)
  print(context.message)
  print("  handle_traceback: " .. tags(context.handle_traceback))
  if context.source_traceback ~= nil then print("  source_traceback: " .. tags(context.source_traceback)) end
end

local function tell(what)
  asyncio.get_running_loop():call_exception_handler({ message = what })
end

local child = async(function(ev, q, fut)
  tell("first step")
  await(asyncio.sleep(0))
  tell("after sleep(0)")
  await(asyncio.sleep(0.01))
  tell("after a timer")
  await(fut)
  tell("after a callback's set_result")
  await(ev:wait())
  tell("after an Event's set")
  await(q:get())
  tell("after a Queue's put")
  local ok, e = pcall(function() await(asyncio.sleep(10)) end)
  if not ok and asyncio.CancelledError:is(e) then tell("after a cancel") end
  await(asyncio.sleep(0.01))
  return 1
end)

local function resolve(fut)
  fut:set_result(1)  -- @resolve
end

local function make(ev, q, fut)
  -- (not a tail call: under stock lua5.4 create_task may be a Lua function,
  -- whose tail call would take this frame away)
  local t = asyncio.create_task(child(ev, q, fut))  -- @create
  return t
end

local function release(ev)
  ev:set()  -- @set
end

local failing = async(function()
  error(asyncio.ValueError("lost"))
end)

local function lose()
  asyncio.create_task(failing())  -- @lose
end

local main = async(function()
  local loop = asyncio.get_running_loop()
  loop:set_exception_handler(handler)
  local ev, q, fut = asyncio.Event(), asyncio.Queue(), loop:create_future()
  local t = make(ev, q, fut)  -- @main_make
  await(asyncio.sleep(0.05))
  loop:call_soon(resolve, fut)  -- @main_call_soon
  await(asyncio.sleep(0.05))
  release(ev)  -- @main_release
  await(asyncio.sleep(0.05))
  q:put_nowait(1)  -- @main_put
  await(asyncio.sleep(0.05))
  t:cancel()  -- @main_cancel
  await(t)
  tell("after awaiting a task")
  -- A done callback: where set_result scheduled it (its own frames), and a
  -- report it makes has them as handle_traceback.
  local f2 = loop:create_future()
  f2:add_done_callback(function(f) tell("in a done callback") end)
  resolve(f2)  -- @main_resolve
  await(asyncio.sleep(0))
  -- A task's done callback is scheduled by the loop (the task ended).
  t:add_done_callback(function(f) tell("in a done callback of a task done") end)  -- @main_add
  local t2 = asyncio.create_task(asyncio.sleep(0.01))  -- @main_t2
  t2:add_done_callback(function(f) tell("in a task's done callback") end)
  await(t2)
  await(asyncio.sleep(0))
  -- An error nobody retrieved: its own frames (the task's creation) as
  -- source_traceback, so no handle_traceback.
  lose()  -- @main_lose
  await(asyncio.sleep(0))
  collectgarbage()
  await(asyncio.sleep(0))
end)

asyncio.run(main(), { debug = true })
