-- The driver's clients: the script runner and the REPL register here the
-- hooks the loop calls (kernel/boundary.hpp lists them: before_block,
-- io_ready, io_hook, on_interrupt, on_stall; and on_task_failure and
-- on_base_exit, which future.lua calls). Clients stack: the REPL runs inside
-- the script runner's main task, attaches over it, and detaches when it
-- ends; only the client on top is asked.
local core = require "luasync.core"

local K, SLOT_CLIENT, set_client = core.K, core.SLOT_CLIENT, core.set_client

local M = {}

local NONE = {}
local stack = {}
set_client(NONE)

-- attach(client): client's hooks answer from now on, until detach(client).
-- Its io_ready and io_hook are looked up here: a client has them when it
-- attaches, or never.
function M.attach(client)
  stack[#stack + 1] = client
  set_client(client)
end

-- detach(client): the client below it answers again.
function M.detach(client)
  for i = #stack, 1, -1 do
    if stack[i] == client then
      table.remove(stack, i)
      break
    end
  end
  set_client(stack[#stack] or NONE)
end

-- The client on top (an empty table when none is attached).
function M.client() return K[SLOT_CLIENT] end

-- run_once() -> progressed; run_until(done) -> finished (kernel/driver.cpp).
M.run_once = core.run_once
M.run_until = core.run_until

return M
