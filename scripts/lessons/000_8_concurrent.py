# The CPython original of 000_8_concurrent.lua (lesson file 000_710a9d338a72be93.txt, example 8).
import asyncio
import time

async def fetch_data(name, delay):
    print(f"{name}: 開始")
    await asyncio.sleep(delay)
    print(f"{name}: 完了")
    return f"{name}の結果"

async def concurrent_example():
    print("=== 並行実行 ===")
    start = time.time()

    # タスクを作成（この時点ですぐに実行開始）
    task1 = asyncio.create_task(fetch_data("タスク1", 2))
    task2 = asyncio.create_task(fetch_data("タスク2", 3))
    task3 = asyncio.create_task(fetch_data("タスク3", 1))

    # 結果を待つ
    result1 = await task1
    result2 = await task2
    result3 = await task3

    end = time.time()
    print(f"総実行時間: {end - start:.2f}秒")
    return [result1, result2, result3]

def main():
    asyncio.run(concurrent_example())

if __name__ == "__main__":
    main()

# 実行結果:
# === 並行実行 ===
# タスク1: 開始
# タスク2: 開始
# タスク3: 開始
# タスク3: 完了
# タスク1: 完了
# タスク2: 完了
# 総実行時間: 3.00秒
