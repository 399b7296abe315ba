# Lesson 000 (concepts), python block 12 ("エラーハンドリング": gather(..., return_exceptions=True)),
# completed with block 2's fetch_data() plus `import asyncio` and asyncio.run(main()).
# Block 2's fetch_data never fails; the second run (added) makes task2 raise Exception('エラー')
# to show the list the block's comment describes.
import asyncio

async def fetch_data(fail=False):
    print("データ取得開始")
    await asyncio.sleep(2)  # データ取得を模擬（2秒待機）
    if fail:
        raise Exception('エラー')
    print("データ取得完了")
    return {"data": "結果"}

async def main(fail=False):
    # 3つのタスクを作成して並行実行
    task1 = asyncio.create_task(fetch_data())
    task2 = asyncio.create_task(fetch_data(fail))
    task3 = asyncio.create_task(fetch_data())
    
    # 全てのタスクが完了するまで待機
    results = await asyncio.gather(task1, task2, task3, return_exceptions=True)
    print(results)
    # 例外が発生した場合の結果例
    # results = [正常な結果, Exception('エラー'), 正常な結果]

asyncio.run(main())
asyncio.run(main(fail=True))
