-- fuzz: terminates
-- as_completed: results in finishing order, with a timeout.
local fetch = async(function(name, delay)
  await(asyncio.sleep(delay))
  return name
end)

for aw in asyncio.as_completed({ fetch("A", 3), fetch("B", 1), fetch("C", 2) }) do
  print(await(aw))
end
for aw in asyncio.as_completed({ fetch("slow", 10), fetch("quick", 1) }, { timeout = 2 }) do
  print(pcall(await, aw))
end
