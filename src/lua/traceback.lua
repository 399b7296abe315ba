-- debug.traceback as lua5.4 prints it (lauxlib's luaL_traceback), for code
-- that runs in a task: the runtime's own frames are left out, a script's main
-- chunk (or a REPL input) is "in main chunk" over lua.c's "[C]: in ?", and an
-- async function's body is named by the name it was called by. The frames of
-- the runtime at the bottom of a task's coroutine (the body, its xpcall, the
-- runner) are where lua5.4 has its C caller.
local report = require "luasync.report"

local getinfo, type, tostring, next = debug.getinfo, type, tostring, next
local loaded = package.loaded
local concat = table.concat
local format, sub = string.format, string.sub

local LEVELS1, LEVELS2 = 10, 11 -- lauxlib's: first and last frames shown

-- info needs "S" and "f". The runtime's C functions that stand at the
-- bottom of a task (task_body.cpp) count as its own.
local runtime_fns = report.runtime_fns
local function is_runtime(info)
  if info.what == "C" then return runtime_fns[info.func] == true end
  return sub(info.source, 1, 9) == "=luasync:"
end

-- lauxlib's pushglobalfuncname: "mod.field" for a function some loaded
-- module holds, "_G." left off; the runtime's own modules only when no
-- public one holds it.
local function global_name(fn)
  local fallback
  for modname, mod in next, loaded do
    if type(mod) == "table" then
      for key, v in next, mod do
        if v == fn and type(key) == "string" then
          local name = modname == "_G" and key or modname .. "." .. key
          if sub(modname, 1, 8) ~= "luasync." then return name end
          fallback = fallback or name
        end
      end
    end
  end
  return fallback
end

-- The traceback of thread `co` (nil: the caller's own), from `level`
-- counted as lua5.4 counts it.
local function traceback(co, msg, level)
  local function info_at(l, what)
    if co then return getinfo(co, l, what) end
    -- Level 1 is debug.traceback's caller: above it are info_at, traceback
    -- (which entry tail-called: entry's frame is gone) and the C function
    -- debug.traceback (lua/traceback.cpp).
    return getinfo(l + 3, what)
  end
  local lines = { msg and (msg .. "\nstack traceback:") or "stack traceback:" }
  if not co and level == 0 then
    lines[2] = "\t[C]: in function 'debug.traceback'"
    level = 1
  end
  -- The deepest level, by doubling then bisecting (each getinfo walks the
  -- stack from its top); then the user's bottom frame: above the runtime's
  -- frames and the C functions they called.
  local lo, hi = level, level + 1
  if info_at(lo, "l") then
    while info_at(hi, "l") do lo, hi = hi, hi * 2 end
    while lo + 1 < hi do
      local mid = (lo + hi) // 2
      if info_at(mid, "l") then lo = mid else hi = mid end
    end
  end
  local last, called_by_runtime = lo, false
  while last >= level do
    local info = info_at(last, "Sf")
    if not info then break end
    if is_runtime(info) then
      called_by_runtime = true
    elseif info.what == "C" and called_by_runtime then
      called_by_runtime = false
    else
      break
    end
    last = last - 1
  end
  local under_runtime = last < lo -- lua.c's C caller stands there
  local main_info = under_runtime and last >= 0 and info_at(last, "S")
  local main_base = main_info and main_info.what == "main" or false
  -- Levels as lua5.4 counts them: with the "[C]: in ?" below a main chunk.
  local last_level = main_base and last + 1 or last
  local limit = last_level - level > LEVELS1 + LEVELS2 and LEVELS1 or -1
  local shown = 0
  local l = level
  while l <= last do
    local info = info_at(l, "Slntf")
    if not info then break end
    if shown == limit then
      -- As lauxlib: this level gives way to the notice, and the last
      -- LEVELS2 levels follow it.
      local skip = last_level - l - LEVELS2
      lines[#lines + 1] = "\t...\t(skipping " .. skip .. " levels)"
      l = l + 1 + skip
      shown = shown + 1
      info = info_at(l, "Slntf")
      if not info then break end
    end
    local caller = l < lo and info_at(l + 1, "Sf")
    local hidden = is_runtime(info) or (info.what == "C" and caller and is_runtime(caller))
    if not hidden then
      shown = shown + 1
      local where, async_body
      local by_runtime = caller and is_runtime(caller) or l == last and under_runtime
      local gname = global_name(info.func)
      if info.what == "main" and by_runtime then
        where = "main chunk"
      elseif gname then
        where = "function '" .. gname .. "'"
      elseif (by_runtime or info.istailcall) and report.fn_names[info.func] then
        -- An async function's body, which await (tail-)called.
        where = "function '" .. report.fn_names[info.func] .. "'"
        async_body = true
      elseif info.namewhat ~= "" and not by_runtime then
        where = info.namewhat .. " '" .. info.name .. "'"
      elseif info.what == "main" then
        where = "main chunk"
      elseif info.what ~= "C" then
        where = "function <" .. info.short_src .. ":" .. info.linedefined .. ">"
      else
        where = "?"
      end
      local at = info.currentline > 0 and (info.short_src .. ":" .. info.currentline) or info.short_src
      lines[#lines + 1] = "\t" .. at .. ": in " .. where
      if info.istailcall and not async_body then lines[#lines + 1] = "\t(...tail calls...)" end
    end
    l = l + 1
  end
  if main_base and last_level >= level then lines[#lines + 1] = "\t[C]: in ?" end
  return concat(lines, "\n")
end

-- debug.traceback([thread,] [message [, level]]), called by the C function
-- lua/traceback.cpp makes of it: a C function, as lua5.4's, so that a
-- function ending in `return debug.traceback()` keeps its frame.
return function(...)
  local co, msg, level
  local argbase = 1
  if type((...)) == "thread" then
    co = ...
    argbase = 2
  end
  msg, level = select(argbase, ...)
  local nmsg = select("#", ...) - argbase + 1
  if msg ~= nil and type(msg) ~= "string" and type(msg) ~= "number" then return msg end
  if nmsg < 1 then msg = nil end
  if msg ~= nil then msg = tostring(msg) end
  if level == nil then
    level = (co == nil or co == coroutine.running()) and 1 or 0
  else
    local n = tonumber(level)
    if n == nil then
      error(format("bad argument #%d to 'debug.traceback' (number expected, got %s)", argbase + 1, type(level)), 2)
    end
    level = math.tointeger(n)
    if not level then
      error(format("bad argument #%d to 'debug.traceback' (number has no integer representation)", argbase + 1), 2)
    end
  end
  if co == coroutine.running() then co = nil end
  if level < 0 then return msg and (msg .. "\nstack traceback:") or "stack traceback:" end
  return traceback(co, msg, level) -- a tail call: info_at counts on it
end
