-- A string in a Future's or a Task's repr is shown as Python's repr shows
-- it: quotes chosen by its content, control bytes escaped (\t, \r, \x00),
-- inside an error's repr and a table result too.
-- Reference: reference/string_reprs.py
local strings = { "it's", "tab\there", "a\rb", "a\0b", "a\127b", "both'\"", 'q"', "back\\slash", "ü", "line\nnext" }
local main = async(function()
  for _, s in ipairs(strings) do
    local f = asyncio.Future()
    f:set_result(s)
    print(f)
  end
  local f = asyncio.Future()
  f:set_exception(asyncio.ValueError("a\tb'c"))
  print(f)
  f:exception()
  f = asyncio.Future()
  f:set_exception(asyncio.ValueError(42))
  print(f)
  f:exception()
  f = asyncio.Future()
  f:set_result({ "x\ty" })
  print(f)
  local t = asyncio.create_task(async(function() return "done\0" end)())
  await(t)
  print((tostring(t):gsub(" coro=<.->", "")))
end)
asyncio.run(main())
