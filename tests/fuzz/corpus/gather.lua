-- fuzz: terminates
-- gather: results in order, return_exceptions, the first error, cancel.
local square = async(function(x, delay)
  await(asyncio.sleep(delay))
  return x * x
end)

local fail = async(function(msg)
  await(asyncio.sleep(0))
  error(asyncio.ValueError(msg))
end)

local rs = await(asyncio.gather(square(2, 2), square(3, 1), asyncio.sleep(1.5, "slept")))
print(rs.n, rs[1], rs[2], rs[3])
rs = await(asyncio.gather(square(4, 0), fail("bad"), { return_exceptions = true }))
print(rs[1], rs[2], asyncio.ValueError:is(rs[2]))
print(pcall(await, asyncio.gather(square(5, 1), fail("worse"))))
local g = asyncio.gather(asyncio.sleep(10), asyncio.sleep(10))
await(asyncio.sleep(0))
print(g:cancel(), g:done())
local ok, e = pcall(await, g)
print(ok, asyncio.CancelledError:is(e), g:cancelled())
print(#(await(asyncio.gather())))
print(pcall(asyncio.gather, { square(1, 1) }))
