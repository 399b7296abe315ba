#!/usr/bin/env bash
# run_reference.sh PYTHON reference/NAME.py — the CPython 3.13 scenario still
# prints exactly reference/NAME.out, the transcript the Lua test must match.
set -u
py=$1
file=$(readlink -f "$2")
lib=$(cd "$(dirname "$0")/lua/lib" && pwd)  # _luastyle.py (before the cd: $0 may be relative)
cd "$(dirname "$file")" || exit 1
name=$(basename "$file" .py)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
PYTHONPATH="$lib" PYTHONDONTWRITEBYTECODE=1 timeout 60 "$py" "$name.py" >"$out" || { echo "FAIL: $name.py exited with $?"; exit 1; }
diff -u "$name.out" "$out" || { echo "FAIL: $name.py no longer prints $name.out"; exit 1; }
