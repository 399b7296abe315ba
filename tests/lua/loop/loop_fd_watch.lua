-- loop:add_reader / add_writer / remove_reader / remove_writer on real pipes
-- (from the test C module, as luaposix would give them): level-triggered
-- readers in the order CPython runs them, a reader replaced, a Future set
-- from a reader, a writer, reader before writer, an error in a callback
-- reported while the loop goes on, end of file, bad descriptors.
-- Reference: reference/loop_fd_watch.py
local hello = require "hello"

local p = require("lib.show").p

local ticker = async(function(n)
  for i = 0, n - 1 do
    p("tick", i)
    await(asyncio.sleep(0))
  end
end)

local main = async(function()
  local loop = asyncio.get_running_loop()
  local r, w = hello.pipe()

  -- a reader that takes one byte per call: called at every iteration while
  -- the pipe holds data (level-triggered), after the callbacks already ready
  local function one_byte(tag)
    local data = hello.read(r, 1)
    p("read", tag, data)
  end
  loop:add_reader(r, one_byte, "x")
  local t = asyncio.create_task(ticker(5))
  hello.write(w, "abc")
  loop:call_soon(p, "soon")
  await(t)
  p("removed", loop:remove_reader(r), loop:remove_reader(r))

  -- add_reader replaces the fd's reader; a future set from the callback
  -- wakes the task that awaits it
  local fut = loop:create_future()
  local function first() p("first reader: not called") end
  local function second()
    local data = hello.read(r, 100)
    loop:remove_reader(r)
    fut:set_result(data)
  end
  loop:add_reader(r, first)
  loop:add_reader(r, second)
  hello.write(w, "hello")
  p("future:", await(fut))

  -- a writer on a writable pipe runs at the next iteration; reader and
  -- writer of one iteration run reader first
  local r2, w2 = hello.pipe()
  local function writable()
    p("writable")
    loop:remove_writer(w)
    loop:remove_writer(w2)
  end
  loop:add_writer(w, writable)
  await(asyncio.sleep(0))
  p("after writer")

  -- an error in a callback is reported and the loop goes on; EOF reads ""
  local done = loop:create_future()
  local function on_eof()
    local data = hello.read(r, 100)
    if data == "" then
      loop:remove_reader(r)
      done:set_result("eof")
    else
      error(asyncio.ValueError("not yet: " .. data))
    end
  end
  loop:add_reader(r, on_eof)
  hello.write(w, "x")
  await(asyncio.sleep(0))
  await(asyncio.sleep(0))
  hello.close(w)
  p("done:", await(done))
  hello.close(r)
  hello.close(r2)
  hello.close(w2)

  -- bad descriptors
  for _, bad in ipairs { -1 } do
    local ok, e = pcall(loop.add_reader, loop, bad, print)
    if not ok then p(getmetatable(e).__name, e) end
  end
  p("remove unknown:", loop:remove_reader(12345))
end)

asyncio.run(main())
