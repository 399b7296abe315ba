-- fetch_pages: the aiohttp lesson. Three pages, each taking a while to answer, fetched one
-- after another and then all at once with gather: the waits overlap, so the concurrent
-- version takes as long as the slowest page instead of the sum of all three.
-- The pages come from a small server started here (asyncio.start_server), so the lesson
-- needs no network.
-- Python twin: python/fetch_pages.py
local DELAYS = { fast = 0.1, medium = 0.2, slow = 0.3 }

-- A tiny HTTP server: reads the request line, waits the page's delay, answers.
local serve = async(function(reader, writer)
  local request = await(reader:readline())
  repeat local line = await(reader:readline()) until line == "\r\n" or line == ""
  local page = request:match("^GET /(%w+)")
  await(asyncio.sleep(DELAYS[page] or 0))
  local body = "page " .. tostring(page)
  writer:write("HTTP/1.1 200 OK\r\nContent-Length: " .. #body .. "\r\nConnection: close\r\n\r\n" .. body)
  await(writer:drain())
  writer:close()
end)

local fetch = async(function(base, page)
  local r = await(asyncio.http.get(base .. "/" .. page))
  local text = await(r:text())
  print(("  %s: %d %s"):format(page, r.status, text))
  return text
end)

local main = async(function()
  local server <close> = await(asyncio.start_server(serve, "127.0.0.1", 0))
  local _, port = server.sockets[1]:getsockname()
  local base = "http://127.0.0.1:" .. port
  local loop = asyncio.get_running_loop()

  print("one after another:")
  local t0 = loop:time()
  for _, page in ipairs({ "fast", "medium", "slow" }) do await(fetch(base, page)) end
  print(("  took %.1f s"):format(loop:time() - t0))

  print("all at once:")
  t0 = loop:time()
  await(asyncio.gather(fetch(base, "slow"), fetch(base, "medium"), fetch(base, "fast")))
  print(("  took %.1f s"):format(loop:time() - t0))
end)

asyncio.run(main())
