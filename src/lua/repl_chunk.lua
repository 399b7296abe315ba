-- (stand-in until the full module lands: no persistent locals yet)
local M = {}
function M.new_env(globals) return globals, function() end end
function M.compile(source, env, chunkname)
  chunkname = chunkname or "=stdin"
  local fn = load("return " .. source, chunkname, "t", env)
  if fn then return fn end
  local err
  fn, err = load(source, chunkname, "t", env)
  if fn then return fn end
  if err:sub(-5) == "<eof>" then return nil, err, true end
  return nil, err, false
end
return M
