-- The Lua heap in KB once two full collections ran (the second frees what
-- the finalizers of the first let go): what the memory tests compare.
return function()
  collectgarbage()
  collectgarbage()
  return collectgarbage("count")
end
