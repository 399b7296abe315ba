-- A callable object (a table with __call) as a callback: Future and Handle
-- reprs and the error report's message show it by its tostring and "()",
-- with no place, as CPython shows an object that is not a function by its
-- repr ("<Dummy>()"). (Without __tostring: loop/callback_reprs.lua.)
-- Reference: reference/callable_reprs.py

local dummy = setmetatable({}, {
  __call = function() error(asyncio.ValueError("called")) end,
  __tostring = function() return "<Dummy>" end,
})

local main = async(function()
  local loop = asyncio.get_running_loop()
  local f = loop:create_future()
  f:add_done_callback(dummy)
  print(f)
  f:add_done_callback(dummy)
  f:add_done_callback(dummy)
  print(f)
  local h = loop:call_soon(dummy)
  print(h)
  h:cancel()
  print(h)
  f:remove_done_callback(dummy)

  -- its error, told to the exception handler: a loop callback's (its
  -- arguments are shown in debug mode only), then a done callback's
  local function handler(_, context)
    print(context.message)
    print(context.handle)
    print(context.exception)
  end

  loop:set_exception_handler(handler)
  loop:call_soon(dummy, 7)
  await(asyncio.sleep(0))
  local g = loop:create_future()
  g:add_done_callback(dummy)
  g:set_result(1)
  await(asyncio.sleep(0))
  loop:set_exception_handler(nil)
end)

asyncio.run(main())
