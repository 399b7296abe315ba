-- The REPL (docs/repl.md; its path through the loop: docs/architecture.md): the console runs as the main task and reads lines
-- from the terminal on the loop; every complete input runs as its own task,
-- so top-level await works and background tasks keep running between
-- prompts. Ctrl-C cancels only the running input; Ctrl-D or exit() cancels
-- what is left (bounded) and leaves.
-- The fields of Futures and Tasks (future.lua): one `local <const>` each,
-- as Lua makes only the last name of a list a compile-time constant.
local STATE <const> = 1
local CB <const> = 3
local CO <const> = 4
local errors = require "luasync.errors"
local sched = require "luasync.scheduler"
local driver = require "luasync.driver"
local future = require "luasync.future"
local task = require "luasync.task"
local report = require "luasync.report"
local core = require "luasync.core"
local term = require "luasync.terminal"
local chunk = require "luasync.chunk"
local dropped_block = require "luasync.dropped_block"
local tokenize = require("luasync.lexer").tokenize
local pretty = require "luasync.pretty"
local hints = require "luasync.hints"
local loop_module = require "luasync.loop"
local byte, find, format, gmatch, match, sub = string.byte, string.find, string.format, string.gmatch, string.match, string.sub

local M = {}

local BANNER_HINT = "Use await(...) directly instead of asyncio.run().\nType help() for a tour; exit() or Ctrl-D leaves."
local EXIT_GRACE = 1.0  -- seconds pending tasks get to finish cancelling at exit

local line_waiter = nil   -- future the console awaits for the next line
local input_task = nil    -- the task running the current input, if any
local interrupted = false -- Ctrl-C arrived while input_task ran
local continuing = false  -- the prompt shown is the continuation prompt (>>)
local INTERRUPTED = {}    -- what read_line gives when Ctrl-C drops a pending block
local EXIT = {}           -- what read_line gives once a callback raised SystemExit
local base_exit = nil     -- that SystemExit: the session ends with its status

local function prompt_text(continuation)
  local p = rawget(_G, continuation and "_PROMPT2" or "_PROMPT")
  if p == nil then return continuation and ">> " or "> " end
  local ok, s = pcall(tostring, p)
  return ok and type(s) == "string" and s or "> "
end

-- [-0, +0] The next line typed, false at end of input (Ctrl-D), or
-- INTERRUPTED when Ctrl-C dropped the pending block at the continuation prompt.
local function read_line(continuation)
  if base_exit ~= nil then return EXIT end
  line_waiter = future.new()
  continuing = continuation
  term.prompt(prompt_text(continuation))
  local line = task.await(line_waiter)
  continuing = false
  return line
end

local function on_input()
  if line_waiter and term.ready() then
    local line = term.pump()
    if line ~= nil then
      local w = line_waiter
      line_waiter = nil
      future.set_results(w, line)
    end
  end
end

local function on_interrupt()
  if input_task and input_task[STATE] == future.PENDING then
    interrupted = true
    task.cancel_main(input_task)
  elseif continuing and line_waiter then
    -- At >>: the whole pending block goes, as Python drops it, and the
    -- primary prompt comes back.
    term.abandon_line()
    local w = line_waiter
    line_waiter = nil
    future.set_results(w, INTERRUPTED)
    core.interrupt_rearm()
  else
    term.cancel_line()
    core.interrupt_rearm()
  end
end

-- A SystemExit that a callback raised (call_soon, a timer, a done callback,
-- a signal handler: future_views.callback_base_exit) ends the session, as
-- `python -m asyncio` leaves when its loop lets one out: the input running
-- is cancelled (its cleanup runs), the prompt shown is left, and the REPL
-- exits as exit() does, with the exception's status. A KeyboardInterrupt
-- is a Ctrl-C, as `python -m asyncio` takes one its loop lets out: the
-- input running is cancelled and KeyboardInterrupt printed; at the prompt,
-- the half-typed line is dropped, and since no key said why, the prompt
-- comes back below KeyboardInterrupt, as Python's does.
local function on_base_exit(e)
  if errors.KeyboardInterrupt:is(e) then
    local at_prompt = not (input_task and input_task[STATE] == future.PENDING)
    on_interrupt()
    if at_prompt then report.stderr("KeyboardInterrupt") end
    return true
  end
  if not errors.SystemExit:is(e) then return false end
  if base_exit ~= nil then return true end
  base_exit = e
  if input_task and input_task[STATE] == future.PENDING then
    task.cancel_main(input_task)
  elseif line_waiter then
    term.abandon_line()
    local w = line_waiter
    line_waiter = nil
    future.set_results(w, EXIT)
  end
  return true
end

-- The input waits for something nothing left can do (no ready task, timer
-- or I/O): say so and cancel the input, as Ctrl-C would; the REPL goes on.
local function on_stall()
  if not (input_task and input_task[STATE] == future.PENDING) then return false end
  local where = input_task:get_stack()[1]
  report.stderr("luasync: deadlock: the input waits" .. (where and (" at " .. where) or "") ..
    " for something that nothing left can do (no ready task, timer or I/O); cancelling it")
  task.cancel_main(input_task)
  return true
end

-- Errors of background tasks are reported when they happen if nobody
-- awaits them (checked one iteration later), once. A SystemExit or a
-- KeyboardInterrupt that a background task raises leaves the loop as one
-- a callback raises (on_base_exit), awaited or not, as CPython's Task lets
-- those two out of `python -m asyncio`'s loop: the session ends, or the
-- input is interrupted; nothing reports the task's error. (A Ctrl-C's own
-- KeyboardInterrupt, which the hook raised in a busy task, is the
-- driver's: on_interrupt takes that Ctrl-C.)
local function on_failure(fut)
  if getmetatable(fut) ~= task.Task or fut == input_task then return end
  local e = fut._exception
  if (errors.SystemExit:is(e) or (errors.KeyboardInterrupt:is(e) and not rawget(e, "_ctrl_c"))) and
     on_base_exit(e) then
    future.disarm(fut)
    return
  end
  if fut[CB] or fut._callbacks then return end
  sched.call_soon(function()
    if fut._log then
      future.disarm(fut)
      future.report_unretrieved(fut)
    end
  end)
end

local fresh_line = require("luasync.stdout").fresh_line
local trace  -- luasync.trace, from the REPL's start (M.run): it records for timeline()
local help_command  -- the REPL's help(), from its start (a student's variable may replace the global)

-- Functions of the REPL typed as values, as in Python (`exit`, `help`): what
-- to type instead.
local CALL_HINTS = {}

-- The real locals that earlier inputs left at their top level (`local f
-- <close> = ...`), which ended with their input: name -> that input's
-- chunk ("stdin#2"), until a later input declares the name a REPL local.
local ended_locals = {}

local function note_locals(names, real, chunk_name)
  for _, n in ipairs(names) do ended_locals[n] = nil end
  for _, n in ipairs(real) do
    if n ~= "_ENV" then ended_locals[n] = chunk_name end
  end
end

-- For an error about the nil global `name` (f:read() after `local f <close>
-- = ...` in the input before): the hint that it was such a local, or nil.
local function ended_local_hint(msg)
  local name = type(msg) == "string" and match(msg, "a nil value %(global '([%a_][%w_]*)'%)")
  local chunk_name = name and ended_locals[name]
  if not chunk_name or rawget(_G, name) ~= nil then return nil end
  return "hint: " .. name .. " was a local <close> of " .. chunk_name .. ", closed when that input ended (at the " ..
    "prompt such a local lasts one input): type it and the lines that use it as one input, do ... end"
end

-- One of the REPL's functions (M.commands) used as a value of the
-- student's: tasks, asyncio's usual name for a list of tasks, after
-- `tasks = []` failed (table.insert(tasks, t), #tasks, ipairs(tasks),
-- tasks.append). An error about a function value at a line `text` that
-- names it other than in a call: the hint, or nil.
local function command_value_hint(msg, text)
  if type(msg) ~= "string" or type(text) ~= "string" or
     not (find(msg, "function value", 1, true) or find(msg, "got function)", 1, true)) then
    return nil
  end
  for fn, name in pairs(M.commands or {}) do
    if rawget(_G, name) == fn then
      for before, after in gmatch(text, "(.?)%f[%w_]" .. name .. "%f[^%w_]%s*(.?)") do
        if before ~= "." and before ~= ":" and after ~= "(" and after ~= "\"" and after ~= "'" and after ~= "{" then
          return "hint: " .. name .. " is the REPL's " .. name .. "() function, not a variable of yours: give yours " ..
            "another name, or assign it first (" .. name .. " = {}), which replaces " .. name .. "() in this session"
        end
      end
    end
  end
  return nil
end

-- A name alone that is nil (`quit`, `clear`, `sleep`): the hint a call of
-- it would get, as Python's REPL answers `quit` with how to leave. (`True`,
-- `False` and `None` are nil only when the input assigned them: their read
-- raises, cli/runner.lua.)
local function nil_name_hint(source)
  local name = type(source) == "string" and match(source, "^%s*([%a_][%w_]*)%s*$")
  if not name or name == "True" or name == "False" or name == "None" then return nil end
  local msg = "attempt to call a nil value (global '" .. name .. "')"
  return ended_local_hint(msg) or hints.hint(msg, "")
end

local function print_values(r, source)
  if r.n == 0 then return end
  fresh_line()  -- the input may have written a line it did not end
  if r.n == 1 and type(r[1]) == "function" and CALL_HINTS[r[1]] then
    print(CALL_HINTS[r[1]])
    return
  end
  local parts = {}
  local opts = { width = term.columns() }
  for i = 1, r.n do parts[i] = pretty.format(r[i], opts) end
  print(table.concat(parts, "\t"))
  if r.n == 1 and r[1] == nil then
    local hint = nil_name_hint(source)
    if hint then print(hint) end
  end
  -- A Python form that gave a value without an error (s.format(1, 2)).
  local shown = hints.shown(source, r)
  if shown then print(shown) end
  for i = 1, r.n do
    if task.unstarted(r[i]) then
      print("hint: a coroutine does nothing until it is awaited: await(...) it, or asyncio.create_task(...) it")
      break
    end
  end
  if r[1] ~= nil then _G._ = r[1] end
end

-- Whether the input's own code names await (outside strings, comments and
-- the bodies of the functions it defines), as Python compiles an input with
-- a top-level await into a coroutine.
local OPENS <const> = { ["function"] = true, ["if"] = true, ["do"] = true, ["repeat"] = true }
local function awaits(source)
  local blocks = {}  -- the keywords that opened the blocks around a token
  local functions = 0
  for _, tok in ipairs(tokenize(source)) do
    local text = sub(source, tok[2], tok[3])
    if tok[1] == "keyword" then
      if OPENS[text] then
        blocks[#blocks + 1] = text
        if text == "function" then functions = functions + 1 end
      elseif (text == "end" or text == "until") and #blocks > 0 then
        if blocks[#blocks] == "function" then functions = functions - 1 end
        blocks[#blocks] = nil
      end
    elseif tok[1] == "name" and text == "await" and functions == 0 then
      return true
    end
  end
  return false
end

local function exit_code_of(e)
  local status, text = errors.exit_status(e)
  if text then report.stderr(text) end
  return status
end

-- help(asyncio.Queue.shutdown), Python's spelling: asyncio's classes are
-- functions here, so Lua fails to index one before help is called. When
-- the input is only that call of the REPL's help, with a path of names,
-- and the error is that index, the path is documented as help("...")
-- would document it; true when it was (the error is then not shown).
-- Likewise help(asyncio.gahter): a name asyncio's modules lack raises
-- AttributeError (luasync.attributes) before help is called; help says
-- what it says of a nil, in the user's language (did you mean
-- asyncio.gather?).
local function help_of_class_path(e, source)
  local path = type(source) == "string" and match(source, "^%s*help%s*%(%s*([%a_][%w_%.]*[%w_])%s*%)%s*;?%s*$")
  if not path or rawget(_G, "help") ~= help_command then return false end
  local help = require("luasync.help")
  local doc
  if type(e) == "string" and find(e, "attempt to index a function value (field '", 1, true) then
    doc = help.doc(path)
  elseif errors.AttributeError:is(e) and type(rawget(e, "message")) == "string" and
    find(rawget(e, "message"), "^module '") and type(rawget(e, "name")) == "string" and
    sub(path, -#rawget(e, "name") - 1) == "." .. rawget(e, "name") then
    doc = help.help_at(path, nil)
  end
  if not doc then return false end
  fresh_line()
  print(doc)
  return true
end

-- Runs fn as the input's task and shows what it gave. Returns an exit code
-- when the input called exit(). source: the input's text (for hints);
-- chunk: its name ("stdin#3").
local function run_input(fn, show, source, chunk)
  -- The values are printed by the input's own task as soon as it returns,
  -- as Python's REPL does: a task it created has not run yet.
  -- Python's REPL makes a task (Task-<n>) of an input that awaits only: one
  -- whose text does not say await is named after its chunk and takes no
  -- number, so that the student's first task is Task-1 there too.
  local opts = chunk and not awaits(source) and { name = chunk } or nil
  -- (the REPL's: timeline() draws it no more than tasks() lists it, and
  -- the record keeps nothing of it)
  input_task = trace.own_new(task.create_task, function()
    local r = table.pack(fn())
    if show then print_values(r, source) end
    -- (the tasks it started may run before the prompt shows: their begun
    -- lines wait for their end from now on, as at the prompt)
    term.hold_lines()
  end, opts)
  -- Its repr names the input, not the REPL's function that runs it.
  if chunk then task.set_chunk(input_task, chunk) end
  task.reserve_stack(input_task)
  interrupted = false
  local ok, r = pcall(task.await, input_task)
  local t = input_task
  input_task = nil
  if base_exit ~= nil then return exit_code_of(base_exit) end
  if ok then
    core.interrupt_rearm()
    return nil
  end
  local e = r
  if errors.SystemExit:is(e) then return exit_code_of(e) end
  if errors.stdout_gone(e) then return 141 end  -- as a script (cli/runner.lua)
  if errors.KeyboardInterrupt:is(e) or (interrupted and errors.CancelledError:is(e)) then
    report.stderr("KeyboardInterrupt")
  elseif help_of_class_path(e, source) then
    -- (documented instead of the error: see help_of_class_path)
  else
    local msg = report.message(e)
    local text = report.format(e, t._tb)
    -- (the line of an earlier input, where a function the input called was
    -- defined, is read from that input's text: hints.input_line)
    local where = hints.where_in(text)  -- an error object's message names no line
    local line = source and (hints.input_line(source, msg, chunk) or
      (where and hints.input_line(source, where .. ":", chunk)))
    local hint = source and (ended_local_hint(msg) or command_value_hint(msg, line) or
      hints.hint(msg, line, where, text))
    report.stderr(text .. (hint and ("\n" .. hint) or ""))
  end
  interrupted = false
  core.interrupt_rearm()
  return nil
end

-- A line of the input in a note: 'print(i)', its blanks around it left
-- out, a long one cut (between two UTF-8 characters, not inside one).
local function quoted(line)
  local text = match(line, "^%s*(.-)%s*$")
  if #text > 40 then
    local cut = 37
    while cut > 0 and (byte(text, cut + 1) & 0xC0) == 0x80 do cut = cut - 1 end
    text = sub(text, 1, cut) .. "..."
  end
  return "'" .. text .. "'"
end

-- A line Lua refused in a block still open (`  for i in range(n):` after
-- `worker = async(function(n)`): the error names that line, line_no of the
-- block. Typed at >>, the line is left out and the block stays open, for
-- the student to type it in Lua; in a paste, the block is dropped with the
-- lines of it that follow, to its end (dropped_block.lua), which would run
-- at the top level one by one (Python refuses such a block whole).
-- An error at the line's first token that says what was expected before it
-- (`'}' expected (to close '{' at line 1) near 'b'` after `t = {` and
-- `  a = 1`; `'then' expected near 'print'` after `if x > 1`) blames an
-- earlier line: typing this one again would be refused again, so the
-- block is dropped, as before. "unexpected symbol near '#'" blames the
-- line itself (`# a comment`, `*args`, `[1, 2]`, `@decorator`), unless
-- the symbol is a closer (closes_too_early).
local function refused_line(err, line_no, line)
  if not (line_no > 1 and type(err) == "string" and tonumber(match(err, "^stdin#%d+:(%d+):")) == line_no) then
    return false
  end
  local what, near = match(err, "^stdin#%d+:%d+: (.-) near '(.-)'$")
  local first = match(line, "^%s*([%a_][%w_]*)") or match(line, "^%s*(%S)")
  local blames_before = what and find(what, " expected", 1, true) and near == first
  return not blames_before
end

-- Lua's words and symbols that close what is open.
local CLOSERS <const> = { ["end"] = true, ["until"] = true, [")"] = true, ["}"] = true, ["]"] = true }

-- A refused line (refused_line) that begins with a closer Lua refused
-- there (`end` after `x = 1 +`: "unexpected symbol near 'end'"; `)` after
-- `f(1,`) blames an earlier line: what it would close lacks an operand.
-- Left out, the line would be refused each time it is typed again, and the
-- next line taken for that operand (`print(i)` as the rest of `x = 1 +`):
-- typed, the block is dropped; in a paste it is skipped to its end, as for
-- any refused line.
local function closes_too_early(err, line)
  local what, near = match(err, "^stdin#%d+:%d+: (.-) near '(.-)'$")
  local first = match(line, "^%s*([%a_][%w_]*)") or match(line, "^%s*(%S)")
  return what == "unexpected symbol" and near == first and CLOSERS[first] == true
end
local LEFT_OUT = "(the line was left out, and the block goes on: type it again in Lua, or Ctrl-C drops the block)"

local function run_startup(env, ignore_env)
  if ignore_env then return nil end
  local path = os.getenv("LUASYNC_STARTUP")
  if not path or path == "" then return nil end
  local fn, err = loadfile(path, "t", env)
  if not fn then
    report.stderr("luasync: LUASYNC_STARTUP: " .. err)
    return nil
  end
  return run_input(fn, false)
end

-- Cancels every task but the console, waits up to EXIT_GRACE for them, and
-- says how many there were.
local function cancel_pending()
  local me = task.current()
  core.set_shutting_down()  -- the list below may need memory kept in reserve
  local pending = {}
  for _, t in ipairs(task.all_tasks()) do
    if t ~= me then pending[#pending + 1] = t end
  end
  if #pending == 0 then return end
  core.set_shutting_down(#pending)  -- their cleanup, and this, may use more: some for each
  for _, t in ipairs(pending) do t:cancel() end
  -- Wait on the set, bounded: a task that swallows its cancellation is
  -- left behind rather than waited for (awaiting it would pass our own
  -- timeout's cancellation on to it, and it would swallow that too).
  local comb = require "luasync.combinators"
  pcall(task.await, comb.wait(pending, { timeout = EXIT_GRACE }))
  print(format("cancelled %d pending task%s", #pending, #pending == 1 and "" or "s"))
end

-- An error of the REPL's own code while it took an input (what the user
-- typed fails in the input's task, and is reported there): a bug, or no
-- memory left for the REPL's work on a huge input. It is reported, and the
-- session goes on at the next prompt rather than ending with it. The
-- message handler only notes where it was raised: the report is made once
-- the stack has unwound (and what the input held may be collected).
local function where_raised(e)
  if errors.CancelledError:is(e) then return e end  -- the console's own cancellation passes on
  local ok, msg = pcall(tostring, e)
  local ok_tb, tb = pcall(debug.traceback, ok and msg or "(an error object that tostring refused)", 2)
  return { internal = ok_tb and tb or msg }
end
local function report_internal(e)
  collectgarbage()
  local text = type(e) == "table" and e.internal or tostring(e)
  if text == "not enough memory" then
    report.stderr("luasync: not enough memory left for the REPL to take that input; the session goes on")
  else
    report.stderr("luasync: the REPL failed to take that input (an error of its own: please report it); " ..
      "the session goes on:\n" .. text)
  end
end

-- opts: mode ("terminal" | "lines"), echo (lines mode: echo the input),
-- ignore_env (-E). Returns the exit status, having cancelled (bounded) what
-- was left running.
function M.run(opts)
  if not term.start(opts.mode, opts.echo) then
    report.stderr("luasync: cannot read the REPL's input from stdin")
    return 1
  end
  loop_module.reserved_fds[0] = "the REPL's line input"
  local history = os.getenv("LUASYNC_HISTORY")
  if not history or history == "" then
    local home = os.getenv("HOME")
    history = home and (home .. "/.luasync_history")
  end
  if history and opts.mode == "terminal" then term.history(history) end

  local env, declare, is_declared = chunk.new_env(_G)
  require("luasync.suggestions").set_scope(env, is_declared)  -- "did you mean" looks among the REPL's locals too
  local exit_status
  _G.exit = function(code)
    error(errors.SystemExit(code), 2)
  end
  help_command = function(...) return require("luasync.commands").help(...) end
  _G.help = help_command
  local console = task.current()
  task.hide(console)  -- the REPL's own: all_tasks(), tasks() and timeline() leave it out
  trace = require "luasync.trace"
  trace.own(console)
  core.set_console(console[CO])  -- and its memory is the runtime's
  _G.tasks = function(all) return require("luasync.commands").tasks(input_task, all, term.columns()) end
  -- timeline(): what the tasks did since the REPL started (or the last one).
  if not trace.active() then trace.repl_start() end
  _G.timeline = function(all) return trace.repl_timeline(all) end
  -- (help(tasks) and the others document these: help.lua)
  M.commands = { [_G.exit] = "exit", [_G.help] = "help", [_G.tasks] = "tasks", [_G.timeline] = "timeline" }
  hints.set_repl_helpers({ exit = true, help = true, tasks = true, timeline = true })  -- a variable may replace one
  CALL_HINTS[_G.exit] = "hint: to leave, type exit() or press Ctrl-D"
  CALL_HINTS[_G.help] = "hint: type help() for the tour, or help(asyncio.gather) for one function"
  CALL_HINTS[_G.tasks] = "hint: type tasks() to list the tasks"
  CALL_HINTS[_G.timeline] = "hint: type timeline() to draw what the tasks did"
  term.set_completer(function(line, start, stop)
    return require("luasync.commands").complete(env, line, start, stop)
  end)

  local version, lua, uv = core.versions()
  print(format("luasync %s  (%s, libuv %s)", version, lua, uv))
  print(BANNER_HINT)

  local client = {
    before_block = term.show,
    io_hook = on_input,
    io_ready = function() return line_waiter ~= nil and term.ready() end,
    on_interrupt = on_interrupt,
    on_stall = on_stall,
    on_task_failure = on_failure,
    on_base_exit = on_base_exit,
  }
  driver.attach(client)

  exit_status = run_startup(env, opts.ignore_env)
  -- An input that ends in "<eof>" may go on on the next line, but one that
  -- can never become a statement (`x = 5; x`) is reported at once.
  -- Each input is its own chunk, stdin#1, stdin#2...: a location names the
  -- input it is in (as Python 3.13 names <python-input-1>).
  local inputs = 0
  -- `added`: the line just added to a pending block, the source's line
  -- number `line_no`. Each line of a block recompiles it all, as lua5.4 -i
  -- does; what is Lua code here (the refusal, the rewrite's lexer) looks
  -- only at the new line while Lua's parser says the block is still open,
  -- so that a pasted function of thousands of lines is not quadratic in Lua.
  local function compile(source, added, line_no)
    -- Refused at its first line, before the student types the body.
    local refused = hints.refused(added or source, "stdin#" .. (inputs + 1), line_no)
    if refused then return nil, refused, false, {}, {} end
    local _, open_err, open = chunk.compile(source, env, "=stdin#" .. (inputs + 1))
    if open then return nil, open_err, not hints.never_complete(open_err, source), {}, {} end
    local rewritten, names, real = chunk.rewrite(source)
    local fn, err, incomplete = chunk.compile(rewritten, env, "=stdin#" .. (inputs + 1))
    -- `x = await f()` compiles, and awaits nothing: refused, with the hint.
    local awaited = fn and hints.await_keyword(source, "stdin#" .. (inputs + 1))
    if awaited then return nil, awaited, false, {}, {} end
    return fn, err, incomplete and not hints.never_complete(err, source), names, real
  end
  -- A block dropped in a paste (refused_line): what is left open of it
  -- (dropped_block.start), how many of the lines after it were skipped,
  -- the first and the last of them.
  local skipping, skipped, first_skipped, last_skipped = nil, 0, nil, nil
  -- `cut`: the input or the paste ended (or Ctrl-C came) before the
  -- block's end: the lines skipped may be more than the block (its count
  -- missed its end), so the note names them.
  local function end_skipping(cut)
    if skipped > 0 and cut then
      local what = opts.mode == "terminal" and "paste" or "input"
      local which = skipped == 1 and quoted(first_skipped) or (quoted(first_skipped) .. " to " .. quoted(last_skipped))
      report.stderr(format("(not run: the %d line%s after the error, %s: the %s ended inside the block it dropped)",
        skipped, skipped == 1 and "" or "s", which, what))
    elseif skipped > 0 then
      report.stderr(format("(not run: the %d line%s after the error, the rest of the block it dropped)",
        skipped, skipped == 1 and "" or "s"))
    end
    skipping, skipped, first_skipped, last_skipped = nil, 0, nil, nil
  end
  -- Skips `line` as the rest of that block, or ends the skipping: after
  -- the block's end, or before a line that comes after the block; false
  -- when `line` is such a line, and is to be taken as typed.
  local function skip(line)
    local where = dropped_block.line(skipping, line)
    if where == "outside" then
      end_skipping()
      return false
    end
    skipped = skipped + 1
    first_skipped, last_skipped = first_skipped or line, line
    if where == "closes" then end_skipping() end
    return true
  end
  -- Reads the rest of the block that `line` begins, at >>: returns its
  -- source and what compile gave for it (err nil: the block was dropped,
  -- by Ctrl-C or Ctrl-D at >>).
  local function read_block(line)
    local source = line
    local fn, err, incomplete, names, real = compile(source)
    local line_no = 1
    while not fn and incomplete do
      local more = read_line(true)
      if more == EXIT then
        break
      elseif more == INTERRUPTED then
        err = nil  -- Ctrl-C at >>: the block is dropped
        break
      elseif more == false and opts.mode == "terminal" then
        -- Ctrl-D at >>: the block is dropped, the session goes on.
        term.reset_eof()
        err = nil
        break
      elseif more == false then
        break  -- the end of piped input inside a block: report it
      end
      local block = source
      source = source .. "\n" .. more
      line_no = line_no + 1
      fn, err, incomplete, names, real = compile(source, more, line_no)
      if not fn and not incomplete and refused_line(err, line_no, more) then
        if term.pending() then
          skipping = dropped_block.start(source)
        elseif not closes_too_early(err, more) then
          report.stderr(hints.with_hint(err, hints.input_line(source, err)) .. "\n" .. LEFT_OUT)
          source, line_no, err, incomplete = block, line_no - 1, nil, true
        end
      end
    end
    return source, fn, err, names, real
  end
  -- Takes the line read at the prompt and what it begins; true when the
  -- session ends.
  local function take(line)
    if line == false or line == INTERRUPTED then end_skipping(true) end
    if line == false then return true end
    if line == EXIT then
      exit_status = exit_code_of(base_exit)
      return true
    end
    if skipping and line ~= INTERRUPTED and skip(line) then
      -- (a line of the dropped block)
    elseif line ~= INTERRUPTED then
      -- Top-level locals become REPL locals that later inputs see.
      local source, fn, err, names, real = read_block(line)
      if base_exit ~= nil then
        exit_status = exit_code_of(base_exit)
        return true
      end
      inputs = inputs + 1
      term.add_history(source)
      if fn then
        declare(names)
        note_locals(names, real, "stdin#" .. inputs)
        report.add_source("=stdin#" .. inputs, source)  -- reprs name its functions (report.declared_name)
        exit_status = run_input(fn, true, source, "stdin#" .. inputs)
      elseif err then
        report.stderr(hints.with_hint(err, hints.input_line(source, err)))
      end
    end
    return exit_status ~= nil
  end
  while exit_status == nil do
    if skipping and not term.pending() then end_skipping(true) end  -- (the paste ended)
    local ok, done = xpcall(take, where_raised, read_line(skipping ~= nil))
    if ok and done then break end
    if not ok then
      if errors.CancelledError:is(done) then error(done, 0) end
      skipping, skipped = nil, 0
      report_internal(done)
    end
  end

  cancel_pending()
  driver.detach(client)
  term.stop()
  loop_module.reserved_fds[0] = nil
  return exit_status or 0
end

return M
