#!/usr/bin/env bash
# run_lua_test.sh BINARY FILE.lua — one behaviour test, as tests/CONVENTIONS.md
# describes: run FILE.lua in its folder under the virtual clock (or the real
# one if its first line is "-- clock: real"), with tests/lua/lib reachable as
# require("lib.<name>"); pass if it exits 0 and its stdout equals
# reference/NAME.out beside it (tests/lua/<area>) or NAME.out (examples).
# It is stopped after LUASYNC_TEST_TIMEOUT seconds (60 by default; the
# install tests, which build the project, set more in CMakeLists.txt).
set -u
bin=$(readlink -f "$1")
file=$(readlink -f "$2")
dir=$(dirname "$file")
name=$(basename "$file" .lua)
clock=--clock=virtual
head -n 1 "$file" | grep -q '^-- clock: real' && clock=--clock=real
expected=
[ -f "$dir/reference/$name.out" ] && expected="$dir/reference/$name.out"
[ -f "$dir/$name.out" ] && expected="$dir/$name.out"
lib_root=$(cd "$(dirname "$0")/lua" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$dir" || exit 1
LUASYNC="$bin" LUA_PATH="$lib_root/?.lua;;" timeout "${LUASYNC_TEST_TIMEOUT:-60}" "$bin" "$clock" "$name.lua" >"$out"
status=$?
if [ $status -ne 0 ]; then
  echo "FAIL: $name.lua exited with status $status"
  cat "$out"
  exit 1
fi
if [ -n "$expected" ] && ! diff -u "$expected" "$out"; then
  echo "FAIL: $name.lua printed something else than $(basename "$expected") (diff above: - expected, + actual)"
  exit 1
fi
exit 0
