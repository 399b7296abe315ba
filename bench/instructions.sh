#!/usr/bin/env bash
# Instructions per operation under callgrind (repeatable whatever the machine
# is doing): W1 (spawn + gather) per task, W2 (queue ping-pong) per round
# trip, W3 (sleepers) per task, each as (run at N - run at a small n) / (N - n),
# so startup and the constant part cancel out.
#   bench/instructions.sh            uses build/luasync (or $LUASYNC)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
LUASYNC=${LUASYNC:-$BENCH/../build/luasync}
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# total instructions of one run: instr SCRIPT ARGS...
instr() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$LUASYNC" --clock=virtual "$@" >/dev/null 2>"$tmp/err"
  grep -m1 -oE 'refs: *[0-9,]+' "$tmp/err" | tr -dc '0-9'
}

per_op() {  # name script small big
  local a b
  a=$(instr "$BENCH/$2" "$3")
  b=$(instr "$BENCH/$2" "$4")
  printf '%-28s %10.0f instructions\n' "$1" "$(echo "($b - $a) / ($4 - $3)" | bc -l)"
}

per_op "W1 per task (spawn+gather)" w1_spawn_gather.lua 10000 50000
per_op "W2 per round trip" w2_pingpong.lua 10000 50000
per_op "W3 per task (sleepers)" w3_sleepers.lua 10000 50000
