-- Lesson 002, examples 6 and 7: calling an async function only makes a coroutine object (and
-- the never-awaited warning says so); asyncio.run runs it.
local print_four = async(function()
  await(asyncio.sleep(1))
  print(4)
  return
end)

print_four()
asyncio.run(print_four())
