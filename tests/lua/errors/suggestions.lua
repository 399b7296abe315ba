-- The names luasync's hints suggest for a wrong name (src/lua/suggestions.lua's
-- suggest) are CPython 3.13's ("Did you mean: ...?"): the same cases as
-- reference/suggestions.py, the same lines.
local suggestions = require "luasync.suggestions"

-- As Python's repr shows these strings (letters and '_' only).
local function show(wrong, names)
  local s = suggestions.suggest(wrong, names)
  print("'" .. wrong .. "': " .. (s and "'" .. s .. "'" or "None"))
end

local api = { "sleep", "spawn", "create_task", "current_task", "all_tasks", "gather", "wait_for", "wait",
  "timeout", "shield", "as_completed", "TaskGroup", "Queue", "Lock", "Event", "Semaphore",
  "get_running_loop", "get_event_loop", "run", "to_thread", "open_connection", "start_server",
  "create_subprocess_exec", "create_subprocess_shell", "CancelledError", "TimeoutError" }
for _, wrong in ipairs({ "curent_task", "slep", "sleeep", "Sleep", "SLEEP", "gahter", "create_Task", "taskgroup",
  "Taskgroup", "que", "Queu", "queue", "waitfor", "wait_fro", "get_runing_loop", "to_threads",
  "timeouts", "cancellederror", "Cancelled", "run", "x", "", "frobnicate", "open_conection" }) do
  show(wrong, api)
end

-- Edges: affixes, lengths around 40, the candidates' limit, ties, case flips.
show("b", { "ab" })
show("ab", { "abc", "abd" })
show("abc", { "ABC", "abd" })
show("Ab", { "AB", "ab" })
show(("a"):rep(41) .. "c", { ("a"):rep(41) .. "b" })
show("x" .. ("a"):rep(41), { "y" .. ("a"):rep(41) })
show(("x"):rep(41) .. "a", { ("y"):rep(41) .. "a" })
show("abcdef", { "abcdefghijklmnop" })
local many = {}
for i = 0, 747 do many[#many + 1] = "n" .. i end
many[#many + 1] = "n1x"
show("n1y", many)
table.insert(many, "n748")
show("n1y", many)
show("print", { "print" })
show("pirnt", { "print", "pairs", "pcall", "rawprint" })

-- Pseudo-random cases, generated the same way in both languages.
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed // 65536 % n
end
local function word(longest)
  local alphabet, out = "abAB_c", {}
  for i = 1, rand(longest or 8) do
    local k = rand(#alphabet) + 1
    out[i] = alphabet:sub(k, k)
  end
  return table.concat(out)
end
-- One to three edits: a character replaced, inserted, removed, or its case
-- flipped.
local function mutate(w)
  local alphabet = "abAB_c"
  for _ = 1, 1 + rand(3) do
    local i = rand(#w + 1)  -- Python's index: 0 .. #w
    local edit = rand(4)
    if edit == 0 then
      local k = rand(#alphabet) + 1
      w = w:sub(1, i) .. alphabet:sub(k, k) .. w:sub(i + 2)
    elseif edit == 1 then
      local k = rand(#alphabet) + 1
      w = w:sub(1, i) .. alphabet:sub(k, k) .. w:sub(i + 1)
    elseif edit == 2 then
      w = w:sub(1, i) .. w:sub(i + 2)
    else
      local c = w:sub(i + 1, i + 1)
      w = w:sub(1, i) .. (c:match("%u") and c:lower() or c:upper()) .. w:sub(i + 2)
    end
  end
  return w
end

for _ = 1, 400 do
  local wrong = word()
  local names = {}
  for i = 1, 1 + rand(6) do names[i] = rand(2) == 0 and mutate(wrong) or word() end
  show(wrong, names)
end

-- Long words: the 40-character limit after the common ends, and rows that
-- stop early.
for _ = 1, 150 do
  local wrong = word(48)
  local names = {}
  for i = 1, 1 + rand(4) do names[i] = rand(2) == 0 and mutate(wrong) or word(48) end
  show(wrong, names)
end
