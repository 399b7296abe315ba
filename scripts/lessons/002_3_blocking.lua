-- Lesson 002, example 3: the same three prints with time.sleep, one after another: 15 s.
local function one_print() -- 6秒後に1をprint
  time.sleep(6)
  print(1)
end

local function two_print() -- 5秒後に2をprint
  time.sleep(5)
  print(2)
end

local function three_print() -- 4秒後に3をprint
  time.sleep(4)
  print(3)
end

local start = time.time() -- 開始時間
one_print()
two_print()
three_print()
local finish = time.time() -- 終了時間
print(("かかった時間：%s"):format(finish - start))
