-- Lesson 004, example 5: a Future is set by another task; awaiting it waits until then.
local get_http_response = async(function(future)
  print("Get http response")
  await(asyncio.sleep(2)) -- Simulate an asynchronous operation
  future:set_result("Hello http!") -- Set the result of the future
end)

local main = async(function()
  -- Futureオブジェクトを作成
  local future = asyncio.Future()

  -- サーバからテキストを取得するコルーチンを起動
  asyncio.create_task(get_http_response(future))

  print("Waiting for the future result...")

  -- future:set_result("Hello http!")が呼び出されるまで待つ
  local result = await(future)
  print("result: " .. result)
end)

asyncio.run(main())
