-- Each write through an encoding that keeps state ends whole: what the
-- encoder still holds is written with it (ISO-2022-JP's shift back to
-- ASCII, UTF-7's last base64 digit, EUC-JIS-2004's character kept in case
-- a combining mark follows). Before, the write ended without it: "か" then
-- "x" wrote 1b2442242b78 in iso2022_jp (the x read back as half of a JIS
-- character), 78 in euc_jis_2004 (the か lost), 2b4d4578 in utf-7.
-- Reference: reference/files_encoding_stateful.py (Python's open, whose
-- encoder keeps its state from one write to the next: the same bytes for
-- these writes, and the same text read back; its last write of "く" in
-- euc_jis_2004 loses the く, which its encoder still holds at close, so
-- the pieces end in ASCII here)
local p = require("lib.show").p
local scratch = require("lib.scratch")
local hex = scratch.hex

local path, _ <close> = scratch.file("t.txt")

local function write_read(enc, pieces)
  local f = await(asyncio.open(path, "w", { encoding = enc }))
  for _, piece in ipairs(pieces) do await(f:write(piece)) end
  await(f:close())
  local raw = io.open(path, "rb")
  local bytes = raw:read("a")
  raw:close()
  local g <close> = await(asyncio.open(path, "r", { encoding = enc }))
  return bytes, await(g:read())
end

for _, enc in ipairs { "iso2022_jp", "euc_jis_2004", "utf-7", "shift_jis" } do
  local bytes, text = write_read(enc, { "か", "x" })
  p(enc, hex(bytes), text)
  _, text = write_read(enc, { "か", "き", "x" })
  p(enc, text)
end
