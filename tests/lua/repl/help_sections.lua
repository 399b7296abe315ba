-- Every help(x) ends by naming where the reference says more: a heading of
-- docs/api.md (or of the file the entry names, as docs/debugging.md for the
-- call graphs). A student who looks for "Debugging in docs/api.md" or
-- "Threads in docs/api.md" and finds no such heading is lost: each named
-- heading must exist, in English and in Japanese help.
local cli = require "lib.cli"
local check = cli.check
local help = require "luasync.help"

local headings = {}
-- (Compared without spaces: the Japanese wrap may break a heading's words
-- at a space that the unwrapping then drops.)
local function heading(doc, section)
  if not headings[doc] then
    local set = {}
    for line in io.lines("../../../" .. doc) do
      local h = line:match("^#+ (.-)%s*$")
      if h then set[(h:gsub("%s", ""))] = true end
    end
    headings[doc] = set
  end
  return headings[doc][(section:gsub("%s", ""))]
end

local checked = 0
for _, e in ipairs(help.entries) do
  for _, lang in ipairs({ "en", "ja" }) do
    -- The last line of what help shows, unwrapped.
    local text = help.render(e, lang)
    if type(text) == "string" then
      -- Unwrapped: English lines break at a space, Japanese ones anywhere.
      local last = text:sub(-400):gsub("\n", lang == "en" and " " or "")
      local section, doc
      if lang == "en" then
        section, doc = last:match("%(([^()]+) in (docs/[%w_.]+%.md)%)%s*$")
      else
        doc, section = last:match("(docs/[%w_.]+%.md)（英語）の「(.-)」にあります。%s*$")
      end
      check(e.name .. " (" .. lang .. "): help names a section", section ~= nil, last)
      if section then
        check(e.name .. " (" .. lang .. "): " .. doc .. " has the heading " .. section,
          heading(doc, section))
        checked = checked + 1
      end
    end
  end
end
check("every entry was checked in both languages", checked == 2 * #help.entries, checked)
cli.finish()
