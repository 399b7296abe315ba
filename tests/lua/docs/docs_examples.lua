-- Every ```lua block of README.md and docs/*.md runs, and prints what the
-- ```text block right after it shows.
-- A block runs as `$LUASYNC --clock=virtual demo.lua 2>&1` on a copy named
-- demo.lua in a temporary folder (so what it prints names `demo.lua`):
-- it must exit 0 and, when a ```text block follows it (blank lines between
-- are allowed), print exactly that text (stdout and stderr together).
-- Blocks fenced as ```lua-norun are shown but not run. On a failure the
-- error names the file and the line of the block's opening fence.

local luasync = assert(os.getenv("LUASYNC"), "LUASYNC is not set (see tests/CONVENTIONS.md)")

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- The markdown files to check: README.md, README.ja.md, then docs/*.md in
-- name order.
local function doc_files()
  local files = { "../../../README.md", "../../../README.ja.md" }
  local p = assert(io.popen("ls ../../../docs/*.md 2>/dev/null"))
  local docs = {}
  for line in p:lines() do docs[#docs + 1] = line end
  p:close()
  table.sort(docs)
  for _, f in ipairs(docs) do files[#files + 1] = f end
  return files
end

-- Splits a markdown text into lines (without their "\n").
local function lines_of(text)
  local lines = {}
  for line in (text .. (text:sub(-1) == "\n" and "" or "\n")):gmatch("(.-)\n") do
    lines[#lines + 1] = line
  end
  return lines
end

-- The fenced blocks of a file: { lang=, line= (of the opening fence), body= }.
local function blocks_of(path)
  local lines = lines_of(read_file(path))
  local blocks = {}
  local i = 1
  while i <= #lines do
    local indent, fence, lang = lines[i]:match("^( *)(```+)%s*([%w%-_]*)%s*$")
    if fence then
      local start = i
      local body = {}
      i = i + 1
      while i <= #lines and lines[i]:match("^%s*```+%s*$") == nil do
        -- a block indented in a list: drop that indentation from its lines
        local line = lines[i]
        if line:sub(1, #indent) == indent then line = line:sub(#indent + 1) end
        body[#body + 1] = line
        i = i + 1
      end
      if i > #lines then
        error(("%s:%d: code block is never closed"):format(path, start), 0)
      end
      blocks[#blocks + 1] = { lang = lang, line = start, last = i, body = body }
    end
    i = i + 1
  end
  -- A block "follows" another when only blank lines lie between them.
  local function only_blank_between(a, b)
    for k = a.last + 1, b.line - 1 do
      if not lines[k]:match("^%s*$") then return false end
    end
    return true
  end
  for k = 1, #blocks - 1 do
    if only_blank_between(blocks[k], blocks[k + 1]) then blocks[k].next = blocks[k + 1] end
  end
  return blocks
end

local function run_block(code)
  local p = assert(io.popen("mktemp -d"))
  local dir = p:read("l")
  p:close()
  local file = dir .. "/demo.lua"
  local f = assert(io.open(file, "wb"))
  f:write(code)
  f:close()
  p = assert(io.popen("cd " .. shell_quote(dir) .. " && " .. shell_quote(luasync) .. " --clock=virtual demo.lua 2>&1"))
  local out = p:read("a")
  local ok, how, status = p:close()
  os.remove(file)
  os.remove(dir)
  if ok then status = 0 end
  return out, how, status
end

local checked, compared = 0, 0
for _, path in ipairs(doc_files()) do
  local name = path:gsub("^%.%./%.%./", "")
  for _, b in ipairs(blocks_of(path)) do
    if b.lang == "lua" then
      local code = table.concat(b.body, "\n") .. "\n"
      local out, how, status = run_block(code)
      checked = checked + 1
      if status ~= 0 then
        error(("%s:%d: the lua block ended with %s %s\n--- output:\n%s"):format(
          name, b.line, how or "exit", tostring(status), out), 0)
      end
      if b.next and b.next.lang == "text" then
        compared = compared + 1
        local expected = table.concat(b.next.body, "\n") .. "\n"
        if out ~= expected then
          error(("%s:%d: the lua block printed something else than the text block at line %d\n" ..
            "--- expected:\n%s--- actual:\n%s"):format(name, b.line, b.next.line, expected, out), 0)
        end
      end
    end
  end
end

print(("docs_examples: %d lua blocks ran, %d outputs compared"):format(checked, compared))
