# The CPython original of 000_9_fetch_all.lua (lesson file 000_710a9d338a72be93.txt, example 9).
import asyncio
import aiohttp
import time

async def fetch(session, url):
    async with session.get(url) as response:
        return await response.text()

async def fetch_all(urls):
    async with aiohttp.ClientSession() as session:
        tasks = [fetch(session, url) for url in urls]
        return await asyncio.gather(*tasks)

async def main():
    urls = [
        'https://example.com',
        'https://python.org',
        'https://docs.python.org'
    ]
    
    start = time.time()
    results = await fetch_all(urls)
    end = time.time()
    
    print(f"取得完了: {len(results)} URLs in {end - start:.2f} 秒")
    print(f"最初の結果の長さ: {len(results[0])} 文字")

# 実行
asyncio.run(main())
