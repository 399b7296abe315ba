#!/usr/bin/env bash
# Instructions per operation under callgrind (repeatable whatever the machine
# is doing): W1 (spawn + gather) per task, W2 (queue ping-pong) per round
# trip, W3 (sleepers) per task, each as (run at N - run at a small n) / (N - n),
# so startup and the constant part cancel out.
#
# Lua seeds its string hashes with time(NULL) and three addresses (the Lua
# state's, a local variable's, lua_newstate's), and the seed decides where a
# table's keys land, hence which tables collide and rehash: one binary's
# count moved by up to +-700 instructions from one second to the next. So
# every run here sees a fixed time(NULL) (a preloaded shim) and the same
# environment (whose size moves the stack), which makes a binary's count
# repeatable; the figure is the mean over SEEDS such times (3 by default),
# and the range says how much the seed alone moves it. Another build has
# other addresses, hence other seeds: compare builds by their means.
#   bench/instructions.sh            uses build/luasync (or $LUASYNC)
#   SEEDS=6 bench/instructions.sh    more seeds, a steadier mean
#   ONLY=W3 bench/instructions.sh    one workload (W1, W2 or W3)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
LUASYNC=${LUASYNC:-$BENCH/../build/luasync}
SEEDS=${SEEDS:-3}
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/fixed_time.c" <<'EOF'
#include <stdlib.h>
#include <time.h>
time_t time(time_t *t) {
  const char *s = getenv("FIXED_TIME");
  time_t v = s ? (time_t)atol(s) : 0;
  if (t) *t = v;
  return v;
}
EOF
cc -O2 -shared -fPIC "$tmp/fixed_time.c" -o "$tmp/fixed_time.so"

# total instructions of one run: instr SEED SCRIPT ARGS...
instr() {
  local seed=$1
  shift
  env -i PATH="$PATH" FIXED_TIME=$((1700000000 + seed)) LD_PRELOAD="$tmp/fixed_time.so" \
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$LUASYNC" --clock=virtual "$@" >/dev/null 2>"$tmp/err"
  grep -m1 -oE 'refs: *[0-9,]+' "$tmp/err" | tr -dc '0-9'
}

per_op() {  # name script small big
  local a b seed v sum=0 lo="" hi=""
  case "$1" in "${ONLY:-W}"*) ;; *) return 0 ;; esac
  for seed in $(seq "$SEEDS"); do
    a=$(instr "$seed" "$BENCH/$2" "$3")
    b=$(instr "$seed" "$BENCH/$2" "$4")
    v=$(((b - a) / ($4 - $3)))
    sum=$((sum + v))
    if [ -z "$lo" ] || [ "$v" -lt "$lo" ]; then lo=$v; fi
    if [ -z "$hi" ] || [ "$v" -gt "$hi" ]; then hi=$v; fi
  done
  printf '%-28s %10d instructions (%d seeds: %d .. %d)\n' "$1" $((sum / SEEDS)) "$SEEDS" "$lo" "$hi"
}

per_op "W1 per task (spawn+gather)" w1_spawn_gather.lua 10000 50000
per_op "W2 per round trip" w2_pingpong.lua 10000 50000
per_op "W3 per task (sleepers)" w3_sleepers.lua 10000 50000
