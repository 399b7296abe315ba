# The CPython original of 000_7_sequential.lua (lesson file 000_710a9d338a72be93.txt, example 7).
import asyncio
import time

async def fetch_data(name, delay):
    print(f"{name}: 開始")
    await asyncio.sleep(delay)
    print(f"{name}: 完了")
    return f"{name}の結果"

async def sequential_example():
    print("=== 逐次実行 ===")
    start = time.time()

    result1 = await fetch_data("タスク1", 2)  # 2秒待つ
    result2 = await fetch_data("タスク2", 3)  # その後3秒待つ
    result3 = await fetch_data("タスク3", 1)  # その後1秒待つ

    end = time.time()
    print(f"総実行時間: {end - start:.2f}秒")
    return [result1, result2, result3]

def main():
    asyncio.run(sequential_example())

if __name__ == "__main__":
    main()

# 実行結果:
# === 逐次実行 ===
# タスク1: 開始
# タスク1: 完了
# タスク2: 開始
# タスク2: 完了
# タスク3: 開始
# タスク3: 完了
# 総実行時間: 6.00秒（2+3+1秒）
