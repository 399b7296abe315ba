#!/usr/bin/env bash
# W2's ceiling on stock Lua 5.4 (see ceiling.c): builds the minimal runtime
# against the system's static liblua5.4.a (as luasync links it) and prints
# its round trips/s, next to two coroutines that only switch. Then W1's
# (w1_ceiling.c, tasks/s; W1_N tasks, 200,000 by default), W3's
# (w3_ceiling.c: bytes per sleeping task and overshoot). Then W5's:
# the same TCP echo in C on libuv (w5_echo.c), the machine's bound, and with
# a Lua coroutine per side of each connection (w5_lua.c), stock Lua's. Last
# W4's (w4_timers.c): how late this machine wakes a process for 1,000
# timers of 10 ms, 50 times each, with no Lua at all (and with 2 us of
# work after each wake-up, as luasync's step).
# Usage: bench/ceiling/run.sh [M [W5_TOTAL]]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -Wall -Wextra $(pkg-config --cflags lua5.4) "$here/ceiling.c" -o "$tmp/ceiling" \
  "$(pkg-config --variable=libdir lua5.4)/liblua5.4.a" -lm -ldl
M=${1:-2000000}
for _ in 1 2 3; do "$tmp/ceiling" "$here/w2_ceiling.lua" "$M"; done
for _ in 1 2 3; do "$tmp/ceiling" "$here/switches.lua" "$M"; done
# W1's and W3's allocate as luasync does: its slab heap for small blocks
# (slab_alloc.cpp, with luasync's src/lua/slab_heap.cpp).
c++ -O2 -std=c++20 -Wall -Wextra -I"$here/../../src" -c "$here/../../src/lua/slab_heap.cpp" -o "$tmp/slab_heap.o"
c++ -O2 -std=c++20 -Wall -Wextra -I"$here/../../src" -c "$here/slab_alloc.cpp" -o "$tmp/slab_alloc.o"
# W1's (w1_ceiling.c): a task object, a coroutine and a sleep(0) op per task,
# gather's completions in C; N tasks alive at once, as W1 spawns them all
# before gather.
cc -O2 -Wall -Wextra $(pkg-config --cflags lua5.4) -c "$here/w1_ceiling.c" -o "$tmp/w1_ceiling.o"
c++ "$tmp/w1_ceiling.o" "$tmp/slab_alloc.o" "$tmp/slab_heap.o" -o "$tmp/w1_ceiling" \
  "$(pkg-config --variable=libdir lua5.4)/liblua5.4.a" -lm -ldl
for _ in 1 2 3; do "$tmp/w1_ceiling" "$here/w1_ceiling.lua" "${W1_N:-200000}"; done
# W3's (w3_ceiling.c): K sleepers (W3_K, 1,000,000 by default), each a task
# object, a coroutine suspended in a sleep op and a deadline in a heap:
# bytes per task = (peak_kb(K) - peak_kb(0)) * 1024 / K, and the overshoot.
cc -O2 -Wall -Wextra $(pkg-config --cflags lua5.4) -c "$here/w3_ceiling.c" -o "$tmp/w3_ceiling.o"
c++ "$tmp/w3_ceiling.o" "$tmp/slab_alloc.o" "$tmp/slab_heap.o" -o "$tmp/w3_ceiling" \
  "$(pkg-config --variable=libdir lua5.4)/liblua5.4.a" -lm -ldl
"$tmp/w3_ceiling" "$here/w3_ceiling.lua" 0
for _ in 1 2 3; do "$tmp/w3_ceiling" "$here/w3_ceiling.lua" "${W3_K:-1000000}"; done
cc -O2 -Wall -Wextra "$here/w5_echo.c" -o "$tmp/w5_echo" $(pkg-config --cflags --libs libuv)
for _ in 1 2 3; do "$tmp/w5_echo" 50 "${2:-200000}"; done
cc -O2 -Wall -Wextra $(pkg-config --cflags lua5.4 libuv) "$here/w5_lua.c" -o "$tmp/w5_lua" \
  "$(pkg-config --variable=libdir lua5.4)/liblua5.4.a" $(pkg-config --libs libuv) -lm -ldl
for _ in 1 2 3; do "$tmp/w5_lua" "$here/w5_lua.lua" 50 "${2:-200000}"; done
cc -O2 -Wall -Wextra "$here/w4_timers.c" -o "$tmp/w4_timers"
for _ in 1 2 3; do "$tmp/w4_timers" 1000 50; "$tmp/w4_timers" 1000 50 2; done
