-- A StreamReader against a model of it: one plain string (what the reader
-- was before it kept reads as an offset and feeds in a list, streams.lua),
-- under random feeds of short chunks (newlines among them), feed_eof, and
-- the reads that would not wait -- read(n), readline() (with the limit's
-- two LimitOverrun cases, as CPython's readuntil raises them), readuntil()
-- of two- and three-byte separators that may span feeds, readexactly(n)
-- (and its IncompleteReadError at the end), at_eof() and the repr's byte
-- count. 20 seeds, 300 readers each; any difference fails with the first
-- one's seed, reader and step.
local function run(seed)
  math.randomseed(seed)
  for round = 1, 300 do
    local limit = math.random(1, 3) == 1 and math.random(2, 40) or 1 << 20
    local r = asyncio.StreamReader({ limit = limit })
    local buf, eof = "", false -- the model
    local got, want = {}, {}
    local function note(a, b)
      got[#got + 1], want[#want + 1] = a, b
    end
    for _ = 1, 40 do
      local k = math.random(1, 10)
      if k <= 4 and not eof then
        local t = {}
        for i = 1, math.random(0, 12) do
          t[i] = math.random(0, 3) == 0 and "\n" or string.char(96 + math.random(1, 4))
        end
        local s = table.concat(t)
        if s ~= "" then
          r:feed_data(s)
          buf = buf .. s
        end
      elseif k == 5 and not eof and math.random(1, 4) == 1 then
        r:feed_eof()
        eof = true
      else
        local which = math.random(1, 5)
        if which == 1 and (#buf > 0 or eof) then
          local n = math.random(1, 15)
          note("read " .. await(r:read(n)), "read " .. buf:sub(1, n))
          buf = buf:sub(n + 1)
        elseif which == 2 and (buf:find("\n", 1, true) or eof) then
          local ok, line = pcall(await, r:readline())
          local i = buf:find("\n", 1, true)
          local expected
          if i and i - 1 > limit then
            expected, buf = "ValueError: Separator is found, but chunk is longer than limit", buf:sub(i + 1)
          elseif i then
            expected, buf = buf:sub(1, i), buf:sub(i + 1)
          elseif #buf > limit then
            expected, buf = "ValueError: Separator is not found, and chunk exceed the limit", ""
          else
            expected, buf = buf, ""
          end
          note("readline " .. tostring(line), "readline " .. expected)
        elseif which == 3 then
          local n = math.random(0, 10)
          if #buf >= n or eof then
            local ok, v = pcall(await, r:readexactly(n))
            local expected
            if #buf >= n then
              expected, buf = buf:sub(1, n), buf:sub(n + 1)
            else
              expected, buf = "partial " .. buf, ""
            end
            note("readexactly " .. (ok and v or ("partial " .. tostring(v.partial))), "readexactly " .. expected)
          end
        elseif which == 5 then
          -- readuntil of a separator of two or three bytes, which may span
          -- feeds; it does not consume on a LimitOverrunError.
          local sep = math.random(1, 2) == 1 and "a\n" or "bc\n"
          local i = buf:find(sep, 1, true)
          if i or eof then
            local ok, v = pcall(await, r:readuntil(sep))
            local expected
            if i and i - 1 > limit then
              expected = "LimitOverrunError: Separator is found, but chunk is longer than limit"
            elseif i then
              expected, buf = buf:sub(1, i + #sep - 1), buf:sub(i + #sep)
            elseif #buf + 1 - #sep > limit then
              expected = "LimitOverrunError: Separator is not found, and chunk exceed the limit"
            else
              expected, buf = "partial " .. buf, ""
            end
            local shown = ok and v or (getmetatable(v) == asyncio.IncompleteReadError and "partial " .. v.partial
              or tostring(v))
            note("readuntil " .. shown, "readuntil " .. expected)
          end
        elseif which == 4 then
          note("at_eof " .. tostring(r:at_eof()), "at_eof " .. tostring(eof and #buf == 0))
          note("bytes " .. (tostring(r):match(" (%d+) bytes") or "0"), "bytes " .. #buf)
        end
      end
      if got[#got] ~= want[#want] then
        error(("seed %d, reader %d, read %d: %q, the model %q"):format(seed, round, #got, got[#got], want[#want]))
      end
    end
  end
end
for seed = 1, 20 do run(seed) end
print("20 seeds, 6,000 readers: as the model")
