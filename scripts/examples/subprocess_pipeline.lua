-- subprocess_pipeline: three slow commands run at the same time (about 0.3 s
-- in all, the longest, not the sum of the three), then a pipeline whose
-- stages pass their output on with communicate.
-- Python twin: python/subprocess_pipeline.py
local sp = asyncio.subprocess

local run = async(function(cmd)
  local p = await(asyncio.create_subprocess_shell(cmd, { stdout = sp.PIPE }))
  local out = await(p:communicate())
  return out:gsub("\n$", ""), p.returncode
end)

local main = async(function()
  local results = await(asyncio.gather(
    run("sleep 0.3; echo first"), run("sleep 0.2; echo second; exit 2"), run("sleep 0.1; echo third")))
  for i = 1, results.n do print(results[i]) end

  -- words | sort | uniq -c, each stage fed the last one's output
  local text = "pear apple fig apple pear apple"
  local words = await(asyncio.create_subprocess_exec("tr", " ", "\n", { stdin = sp.PIPE, stdout = sp.PIPE }))
  local out = await(words:communicate(text))
  local sorter = await(asyncio.create_subprocess_exec("sort", { stdin = sp.PIPE, stdout = sp.PIPE }))
  out = await(sorter:communicate(out .. "\n"))
  local counter = await(asyncio.create_subprocess_exec("uniq", "-c", { stdin = sp.PIPE, stdout = sp.PIPE }))
  out = await(counter:communicate(out))
  for line in out:gmatch("[^\n]+") do
    local n, word = line:match("(%d+)%s+(%S+)")
    print(word, n)
  end
end)

asyncio.run(main())
