#!/usr/bin/env bash
# run_module_test.sh LUA MODULE_DIR FILE.lua — a CPython reference test of
# tests/lua/<area>/ run under stock Lua through the module for stock Lua
# (tests/module/host.lua): passes if it exits 0 and prints reference/NAME.out.
set -u
lua=$1
module_dir=$(readlink -f "$2")
file=$(readlink -f "$3")
dir=$(dirname "$file")
name=$(basename "$file" .lua)
clock=virtual
head -n 1 "$file" | grep -q '^-- clock: real' && clock=real
expected="$dir/reference/$name.out"
host=$(cd "$(dirname "$0")/module" && pwd)/host.lua
lib_root=$(cd "$(dirname "$0")/lua" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$dir" || exit 1
# MODULE_PRELOAD: the sanitizer build's runtime, which must come first in a
# lua5.4 that is not built with it (for lua5.4 alone, not for timeout). The
# children the tests start inherit it: leak reports, which would change their
# exit statuses, are off (memory errors are still reported).
LUASYNC_MODULE_DIR="$module_dir" LUA_PATH="$lib_root/?.lua;;" timeout 60 \
  env ${MODULE_PRELOAD:+LD_PRELOAD="$MODULE_PRELOAD" ASAN_OPTIONS=detect_leaks=0} \
  "$lua" "$host" "$name.lua" "$clock" >"$out"
status=$?
if [ $status -ne 0 ]; then
  echo "FAIL: $name.lua under $lua exited with status $status"
  cat "$out"
  exit 1
fi
if ! diff -u "$expected" "$out"; then
  echo "FAIL: $name.lua under $lua printed something else than reference/$name.out (- expected, + actual)"
  exit 1
fi
exit 0
