-- The REPL survives bad input (issue 3, "Bad input"): syntax errors, binary
-- garbage, a 1 MB line, runaway recursion, an error object whose __tostring
-- fails, running out of memory. Driven through a pipe with -i; after all of
-- it the REPL still evaluates, and Ctrl-D's equivalent (EOF) exits 0.
local luasync = os.getenv("LUASYNC")

local lines = {
  "1 +",                                   -- syntax error (not incomplete)
  "\0\1\255\254 garbage",                  -- binary garbage
  'x = "' .. ("a"):rep(1000000) .. '"',    -- a 1 MB line
  "#x",
  "function r() return 1 + r() end",
  "r()",                                   -- runaway recursion
  'error(setmetatable({}, {__tostring = function() error("no") end}))',
  'setmetatable({}, {__tostring = function() error("no") end})',
  't = {} for i = 1, 1e9 do t[i] = ("y"):rep(1e6) .. i end',  -- out of memory
  "t = nil collectgarbage()",
  'print("still alive", 6 * 7)',
}
local input = os.tmpname()
local f = assert(io.open(input, "wb"))
f:write(table.concat(lines, "\n"), "\n")
f:close()
local out_file = os.tmpname()
local cmd = ("LUASYNC_MEMORY_LIMIT=300 timeout 60 %s -i --clock=virtual < %s > %s 2>&1"):format(luasync, input, out_file)
local ok, how, status = os.execute(cmd)
local out = assert(io.open(out_file, "rb")):read("a")
os.remove(input)
os.remove(out_file)

local function expect(text)
  if not out:find(text, 1, true) then
    local shown = out:gsub("a" .. ("a"):rep(99) .. "a*", "aaa...")
    error(("REPL output lacks %q:\n%s"):format(text, shown))
  end
end
assert(ok and how == "exit" and status == 0, ("REPL exited %s %s"):format(how, status))
expect("stdin#1:1: unexpected symbol near '1'")  -- as lua -i says (its chunk is stdin)
expect("\n1000000\n")
expect("stdin#5:1: stack overflow")
expect("(skipping ")
expect("(error object is a table value whose __tostring failed)")
expect("(__tostring failed: stdin#8:1: no)>")
expect("not enough memory")
expect("still alive\t42")
print("ok")
