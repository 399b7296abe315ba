-- A group that holds a BaseException that is not an Exception is a
-- BaseExceptionGroup, which is not an Exception: a TaskGroup's, and what
-- BaseExceptionGroup(...) makes (an ExceptionGroup when it is given
-- Exceptions only). ExceptionGroup is both a BaseExceptionGroup and an
-- Exception, and refuses a BaseException.
-- Reference: reference/base_exception_group.py
local p = require("lib.show").p

local MyBase = asyncio.BaseException:subclass("MyBase")

local function kinds(label, eg)
  p(label, eg, "| Exception", asyncio.Exception:is(eg), "BaseExceptionGroup",
    asyncio.BaseExceptionGroup:is(eg), "ExceptionGroup", asyncio.ExceptionGroup:is(eg))
end

local main = async(function()
  -- 1. a TaskGroup whose child raises a BaseException
  local stop = async(function()
    await(asyncio.sleep(0.1))
    error(MyBase("stop"))
  end)
  local ok, eg = pcall(function()
    local tg <close> = asyncio.TaskGroup()
    tg:create_task(stop())
    await(asyncio.sleep(1))
  end)
  assert(not ok)
  kinds("1", eg)
  p("1 sub", eg.exceptions[1])

  -- 2. with Exceptions only: an ExceptionGroup
  local fail = async(function() error(asyncio.ValueError("v")) end)
  ok, eg = pcall(function()
    local tg <close> = asyncio.TaskGroup()
    tg:create_task(fail())
  end)
  assert(not ok)
  kinds("2", eg)

  -- 3. BaseExceptionGroup(...) chooses by what it holds
  kinds("3", asyncio.BaseExceptionGroup("m", { asyncio.ValueError("v") }))
  kinds("3", asyncio.BaseExceptionGroup("m", { MyBase("b"), asyncio.ValueError("v") }))

  -- 4. ExceptionGroup and its subclasses refuse a BaseException
  local e
  ok, e = pcall(asyncio.ExceptionGroup, "x", { MyBase() })
  assert(not ok and asyncio.TypeError:is(e))
  p("4", e)
  local MyEG = asyncio.ExceptionGroup:subclass("MyEG")
  ok, e = pcall(MyEG, "x", { MyBase() })
  assert(not ok and asyncio.TypeError:is(e))
  p("4", e)

  -- 5. a subclass of BaseExceptionGroup stays itself
  local MyBEG = asyncio.BaseExceptionGroup:subclass("MyBEG")
  kinds("5", MyBEG("x", { asyncio.ValueError("v") }))
  kinds("5", MyBEG("x", { MyBase() }))
end)

asyncio.run(main())
