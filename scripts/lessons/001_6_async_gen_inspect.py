# Lesson 001 ("async for"), python block 6 (py fence): is an async generator a coroutine/awaitable?, verbatim.

# 非同期ジェネレータオブジェクトは coro でも awaitable でもない。
# 非同期ジェネレータオブジェクトは coro ではないが awaitable である。
# どっちが正しい?

import inspect


async def async_gen():
    yield 1
    yield 2


# 非同期ジェネレータオブジェクトを作成
gen = async_gen()

# gen自体はawaitableです(誤り)

print(inspect.iscoroutine(gen))  # False (coroではない)
print(hasattr(gen, "__await__"))  # True (awaitableです) <- 誤り


async def main():
    async for value in gen:
        print(value)


if __name__ == "__main__":
    import asyncio

    asyncio.run(main())
