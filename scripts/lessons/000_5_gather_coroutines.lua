-- Lesson 000 (concepts), python block 5 (gather() takes coroutines: hello/goodbye),
-- completed with asyncio.run(main()) (the block defines main but never runs it).
local hello = async(function()
  print('I say,')
  await(asyncio.sleep(1)) -- 1秒かかる
  print('hello')
end)

local goodbye = async(function()
  print('you say,')
  await(asyncio.sleep(2)) -- 2秒かかる
  print('goodbye')
end)

local main = async(function()
  await(asyncio.gather(goodbye(), hello())) -- タスクも同様
end)

asyncio.run(main())
