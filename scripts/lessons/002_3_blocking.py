# The CPython original of 002_3_blocking.lua (lesson file 002_cd773bdd564ed2ca.txt, example 3).
# (with the imports of the lesson's first example)
import asyncio
import time

def one_print(): #6秒後に1をprint
    time.sleep(6)
    print(1)

def two_print(): #5秒後に2をprint
    time.sleep(5)
    print(2)

def three_print(): #4秒後に3をprint
    time.sleep(4)
    print(3)

start = time.time() #開始時間
one_print()
two_print()
three_print()
end = time.time() #終了時間
print(f"かかった時間：{end-start}")
