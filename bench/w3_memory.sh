#!/usr/bin/env bash
# What a sleeping W3 task is made of: bench/w3_sleepers.lua under valgrind's
# massif, its peak heap (all K tasks asleep) in bytes per task by what Lua
# or the runtime allocated: coroutine stacks, coroutine states, CallInfos,
# table headers, table parts, userdata, the deadline heap, strings, closures.
# Malloc's own headers ("extra") are counted apart. Under massif the runtime
# puts every block in malloc (src/lua/state.cpp); run alone, its blocks of up
# to 1 KiB live in the slab heap instead, with no header, rounded to 16 bytes.
#   bench/w3_memory.sh [K]        K sleepers (default 20000), build/luasync (or $LUASYNC)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
LUASYNC=${LUASYNC:-$BENCH/../build/luasync}
K=${1:-20000}
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind --tool=massif --massif-out-file="$tmp/out" --depth=12 --threshold=0.1 \
  "$LUASYNC" --clock=virtual "$BENCH/w3_sleepers.lua" "$K" >/dev/null 2>"$tmp/err" ||
  { cat "$tmp/err" >&2; exit 1; }
python3 - "$tmp/out" "$K" <<'EOF'
import re, sys
path, k = sys.argv[1], int(sys.argv[2])
lines = open(path).read().splitlines()
# The snapshot marked peak: its heap_extra and its tree.
start = next(i for i, l in enumerate(lines) if l == "heap_tree=peak")
snap = max(i for i in range(start) if lines[i].startswith("snapshot="))
extra = int(next(l for l in lines[snap:start] if l.startswith("mem_heap_extra_B=")).split("=")[1])
# Categories by the function that allocated, first match from the root down.
cats = [("coroutine stacks", ("stack_init", "luaD_reallocstack")),
        ("coroutine states", ("lua_newthread",)),
        ("CallInfos", ("luaE_extendCI",)),
        ("table headers", ("luaH_new",)),
        ("table parts", ("luaH_resize",)),
        ("userdata", ("luaS_newudata",)),
        ("deadline heap", ("DeadlineHeap",)),
        ("strings", ("internshrstr", "luaS_createlngstrobj", "luaS_newlstr")),
        ("closures", ("luaF_",))]
totals = {}
node = re.compile(r"^( *)n(\d+): (\d+) (.*)$")
i, skip_below = start + 1, None
while i < len(lines):
    m = node.match(lines[i])
    if not m:
        break
    depth, nbytes, what = len(m.group(1)), int(m.group(3)), m.group(4)
    i += 1
    if skip_below is not None and depth > skip_below:
        continue
    skip_below = None
    cat = next((c for c, fns in cats if any(f in what for f in fns)), None)
    if cat is None and int(m.group(2)) > 0:
        continue  # look at its children
    cat = cat or "other"
    totals[cat] = totals.get(cat, 0) + nbytes
    skip_below = depth
useful = sum(totals.values())
print(f"W3 at K = {k}: peak heap {(useful + extra) / k:,.0f} bytes per task "
      f"({useful / k:,.0f} asked for, {extra / k:,.0f} malloc's headers and rounding)")
for cat, _ in cats + [("other", ())]:
    if cat in totals:
        print(f"  {cat:<18} {totals[cat] / k:8,.0f}")
EOF
