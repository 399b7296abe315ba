-- Recursive async functions, awaited inline and as tasks.
local fact
fact = async(function(n)
  if n <= 1 then return 1 end
  await(asyncio.sleep(0))
  return n * await(fact(n - 1))
end)
print(await(fact(10)))

local fib
fib = async(function(n)
  if n < 2 then return n end
  local a = asyncio.create_task(fib(n - 1))
  local b = await(fib(n - 2))
  return await(a) + b
end)
print(await(fib(8)))
