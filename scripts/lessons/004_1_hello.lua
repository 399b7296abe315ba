-- Lesson 004 (a library tour), example 1: a coroutine run by the event loop.
local say_hello = async(function()
  print("Hello")
  await(asyncio.sleep(1))
  print("World")
end)

-- コルーチンをイベントループで実行
asyncio.run(say_hello())
