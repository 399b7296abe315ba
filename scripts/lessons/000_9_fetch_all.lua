-- Lesson 000, example 9: fetching several pages at once through one session (aiohttp's
-- ClientSession is asyncio.http.Session). The lesson fetches example.com, python.org and
-- docs.python.org; a class without network serves three local pages instead, from a small
-- server started here, which takes 0.5 s to answer each.
local serve = async(function(reader, writer)
  repeat local line = await(reader:readline()) until line == "\r\n" or line == ""
  await(asyncio.sleep(0.5))
  local body = ("<html>%s</html>"):format(("page "):rep(100))
  writer:write(("HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s"):format(#body, body))
  await(writer:drain())
  writer:close()
end)

local fetch = async(function(session, url)
  local response <close> = await(session:get(url))
  return await(response:text())
end)

local fetch_all = async(function(urls)
  local session <close> = asyncio.http.Session()
  local tasks = {}
  for i, url in ipairs(urls) do tasks[i] = fetch(session, url) end
  return await(asyncio.gather(table.unpack(tasks)))
end)

local main = async(function()
  local server <close> = await(asyncio.start_server(serve, "127.0.0.1", 0))
  local _, port = server.sockets[1]:getsockname()
  local urls = {
    ("http://127.0.0.1:%d/example.com"):format(port),
    ("http://127.0.0.1:%d/python.org"):format(port),
    ("http://127.0.0.1:%d/docs.python.org"):format(port),
  }

  local start = asyncio.get_running_loop():time()
  local results = await(fetch_all(urls))
  local finish = asyncio.get_running_loop():time()

  print(("取得完了: %d URLs in %.2f 秒"):format(#results, finish - start))
  print(("最初の結果の長さ: %d 文字"):format(#results[1]))
end)

-- 実行
asyncio.run(main())
