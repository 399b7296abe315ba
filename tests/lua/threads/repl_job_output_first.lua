-- At the REPL a worker's print goes through the loop thread (the port's
-- lines), and it comes before the job's end: a job that ends while the
-- loop thread blocks (time.sleep) is taken before the next entry joins the
-- ready queue (Kernel::posted), and its lines are written then, not left
-- for the port's async callback, which may run only after the next prompt
-- (or never, once the session ends).
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local run, eq, finish = cli.run, cli.eq, cli.finish

local JOB = 'local fut = asyncio.get_running_loop():run_in_executor(nil, function() print("from worker") return 1 end) ' ..
  'time.sleep(0.3) await(asyncio.sleep(0)) print("result", await(fut))'

local out, err, code = run('"$L" -i 2>/dev/null | sed 1,3d | grep -v "^> [lp]"', JOB .. '\nprint("next input")\n')
eq("the worker's line, then the result, then the next input", out, "from worker\nresult\t1\nnext input\n> \n")
eq("status", code, 0)

out, err, code = run('"$L" -i 2>/dev/null | sed 1,3d | grep -v "^> [lp]"', JOB .. ' exit(0)\n')
eq("the worker's line before the result when the input exits", out, "from worker\nresult\t1\n")
eq("status at exit", code, 0)
finish()
