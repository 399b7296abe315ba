# Lesson 000 (concepts), python block 1 ("タスク（Task）": three create_task + gather),
# completed with block 2's fetch_data() (same lesson) plus `import asyncio` and asyncio.run(main()).
import asyncio

async def fetch_data():
    print("データ取得開始")
    await asyncio.sleep(2)  # データ取得を模擬（2秒待機）
    print("データ取得完了")
    return {"data": "結果"}

async def main():
    # 3つのタスクを作成して並行実行
    task1 = asyncio.create_task(fetch_data())
    task2 = asyncio.create_task(fetch_data())
    task3 = asyncio.create_task(fetch_data())
    
    # 全てのタスクが完了するまで待機
    results = await asyncio.gather(task1, task2, task3)
    print(results)

asyncio.run(main())
