-- Every ```repl block of docs/repl.md is a transcript: the exact text that
-- `luasync -i --clock=virtual` prints (stdout and stderr together) when the
-- block's typed lines are its stdin. A typed line is what follows a `> ` or
-- `>> ` prompt at the start of a line; a prompt with nothing after it (`> `,
-- or `>` when an editor dropped the blank) is the prompt at which input ended.
--
-- Each block is run twice, stdin from a file and stdin from a pipe, and both
-- outputs must equal the block. The banner: a block may start with it (its
-- first line is then checked against `luasync -v`, the versions of the
-- machine) or leave it out; the output must start with it either way.
-- The run must exit 0.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")
local DOC = "../../../docs/repl.md"

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, fail, eq, finish = cli.quote, cli.tmpfile, cli.slurp, cli.fail, cli.eq, cli.finish

local function version_line()
  local p = assert(io.popen(quote(LUASYNC) .. " -v"))
  local v = p:read("l")
  p:close()
  return v
end
local BANNER = version_line() .. "\n" ..
  "Use await(...) directly instead of asyncio.run().\nType help() for a tour; exit() or Ctrl-D leaves.\n"

-- The ```repl blocks of the document, with the line each starts on.
local function blocks(text)
  local out, current, start = {}, nil, nil
  local n = 0
  for line in (text .. "\n"):gmatch("(.-)\n") do
    n = n + 1
    if current then
      if line:match("^```%s*$") then
        out[#out + 1] = { line = start, lines = current }
        current = nil
      else
        current[#current + 1] = line
      end
    elseif line:match("^```repl%s*$") then
      current, start = {}, n + 1
    end
  end
  assert(not current, DOC .. ": a ```repl block starting at line " .. tostring(start) .. " is not closed")
  return out
end

-- The block as expected output and the typed lines.
local function transcript(lines)
  local expected, typed = {}, {}
  local ended = false
  for i, line in ipairs(lines) do
    if i == 1 and line:match("^luasync %S+  %(Lua .*, libuv .*%)$") then
      line = version_line()
    end
    if line == ">" then line = "> " end
    if not ended then
      local input = line:match("^>> (.+)$") or line:match("^> (.+)$")
      if input then
        typed[#typed + 1] = input
      elseif line == "> " then
        ended = true
      end
    end
    expected[#expected + 1] = line
  end
  local text = table.concat(expected, "\n") .. "\n"
  if not text:find(BANNER, 1, true) or text:find(BANNER, 1, true) ~= 1 then text = BANNER .. text end
  return text, table.concat(typed, "\n") .. "\n", ended
end

local ENV = "unset LUA_INIT LUA_INIT_5_4 LUASYNC_STARTUP LUASYNC_HISTORY LUASYNC_DEBUG; "

local function run(input_path, via_pipe)
  local out, st = tmpfile(), tmpfile()
  local cmd
  if via_pipe then
    cmd = ("cat %s | timeout -k 1 20 %s -i --clock=virtual >%s 2>&1; echo $? >%s"):format(
      quote(input_path), quote(LUASYNC), quote(out), quote(st))
  else
    cmd = ("timeout -k 1 20 %s -i --clock=virtual <%s >%s 2>&1; echo $? >%s"):format(
      quote(LUASYNC), quote(input_path), quote(out), quote(st))
  end
  os.execute("bash -c " .. quote(ENV .. cmd))
  return slurp(out), tonumber(slurp(st):match("%d+"))
end

local doc = slurp(DOC)
local all = blocks(doc)
assert(#all > 0, DOC .. " has no ```repl block")
for _, b in ipairs(all) do
  local expected, input, ended = transcript(b.lines)
  local where = ("%s, the ```repl block at line %d"):format(DOC:match("[^/]*/[^/]*$"), b.line)
  if not ended then
    fail(where, "the block does not show the prompt at which its input ends (a line `> `)")
  end
  local input_path = tmpfile(input)
  for _, via_pipe in ipairs({ false, true }) do
    local got, status = run(input_path, via_pipe)
    local how = via_pipe and " (stdin a pipe)" or " (stdin a file)"
    eq(where .. how, got, expected)
    eq(where .. how .. ": exit status", status, 0)
  end
end

print(("%d transcripts checked"):format(#all))
finish()
