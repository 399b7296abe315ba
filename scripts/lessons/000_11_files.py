# The CPython original of 000_11_files.lua (lesson file 000_710a9d338a72be93.txt, example 11).
import asyncio
import aiofiles

async def read_file(filename):
    async with aiofiles.open(filename, 'r') as f:
        return await f.read()

async def write_file(filename, content):
    async with aiofiles.open(filename, 'w') as f:
        await f.write(content)

async def process_files():
    # 複数のファイルを並行して読み込み
    tasks = [
        read_file('file1.txt'),
        read_file('file2.txt'),
        read_file('file3.txt')
    ]
    
    contents = await asyncio.gather(*tasks)
    
    # 処理を行う（例：すべての内容を結合）
    combined = '\n'.join(contents)
    
    # 結果を書き込み
    await write_file('combined.txt', combined)

# 実行
asyncio.run(process_files())
