#!/usr/bin/env bash
# luasync benchmarks: W1 spawn+gather, W2 queue ping-pong, W3 sleepers (bytes/task from peak RSS), W4 timer
# lateness, W5 TCP echo, W6 startup, W7 HTTP GETs (when node can serve them), W8 to_thread round trips, W9 two
# CPU-bound jobs on threads, and Lua's own coroutine.resume/wrap in luasync beside lua5.4 (issue 13, point 9).
# Builds nothing: runs build/luasync (or $LUASYNC) on bench/*.lua,
# prints a markdown table of medians, then, when the peers can run (lua5.4 with luv), runs
# shared/peers/run.sh with a luasync row so the comparison table comes from one run.
#
#   bench/run.sh                 full run (luasync part ~1-2 min, peers part 6-8 min more)
#   QUICK=1 bench/run.sh         tiny sizes, one rep: smoke test only (figures meaningless)
#   REPS=5                       repetitions of each luasync workload (default 3; QUICK: 1)
#   PEERS=0                      skip the peers comparison
#   LUASYNC=/path/to/luasync     binary to measure (default: build/luasync in this repo)
#   TIMEOUT=300                  seconds allowed per run
#   Passed through to peers/run.sh: ONLY_W (default: the workloads bench/ has scripts for,
#   plus w6 and coro), ONLY_P, REPS_BIG, EXTRAS. Its RESULTS_DIR is always a temp dir
#   (KEEP=1 keeps it), never shared/.
set -u
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
LUASYNC=${LUASYNC:-$ROOT/build/luasync}
QUICK=${QUICK:-0}
PEERS=${PEERS:-1}
TO=${TIMEOUT:-300}
KEEP=${KEEP:-0}

[ -x "$LUASYNC" ] || { echo "no luasync binary at $LUASYNC (build it, or set LUASYNC)" >&2; exit 2; }
LUASYNC=$(cd "$(dirname "$LUASYNC")" && pwd)/$(basename "$LUASYNC")
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed for peak RSS" >&2; exit 2; }

if [ "$QUICK" = 1 ]; then
  REPS=${REPS:-1}; N1=20000; M2=20000; K3="0 10000"; K3BIG=; T4=100; I4=10; C5=10; N5=10000; HF_RUNS=5
  N7=500; C7=10; N8=2000; I9=300000; NC=100000
else
  REPS=${REPS:-3}; N1=200000; M2=500000; K3="0 100000"; K3BIG=1000000; T4=1000; I4=50; C5=50; N5=200000; HF_RUNS=30
  N7=5000; C7=50; N8=20000; I9=3000000; NC=2000000
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/luasync-bench.XXXXXX")
W7PID=""
cleanup() {
  [ -n "$W7PID" ] && kill "$W7PID" 2>/dev/null && W7PID=""
  [ "$KEEP" = 1 ] || rm -rf "$TMP"
}
trap cleanup EXIT
RAW=$TMP/raw.tsv
: >"$RAW"

# run1 WORKLOAD REP ARGS... : one run under /usr/bin/time; appends a row to raw.tsv
# (BIN=lua5.4 run1 ... runs that interpreter instead of luasync)
run1() {
  local w=$1 rep=$2; shift 2
  local log=$TMP/${w}_r$rep
  /usr/bin/time -f '%M' -o "$log.rss" timeout "$TO" "${BIN:-$LUASYNC}" "$@" >"$log.out" 2>"$log.err"
  local rc=$?
  local rss res
  rss=$(tail -n1 "$log.rss" 2>/dev/null | grep -E '^[0-9]+$' || echo 0)
  res=$(grep -m1 '^RESULT ' "$log.out" | sed 's/^RESULT //')
  printf '%s\t%s\t%s\t%s\t%s\n' "$w" "$rep" "$rc" "$rss" "$res" >>"$RAW"
  printf '  rep %s %-10s rc=%s rss=%sKB  %s\n' "$rep" "$w" "$rc" "$rss" "$res" >&2
  if [ "$rc" != 0 ] || [ -z "$res" ]; then
    echo "    FAILED: ${BIN:-$LUASYNC} $*" >&2
    tail -n 5 "$log.err" >&2
  fi
}

# W7's server: the peers' own (node), so the figures compare with theirs.
W7PORT=""
W7SERVER=$BENCH/../../shared/peers/node/http_server.js
if command -v node >/dev/null && [ -f "$W7SERVER" ]; then
  node "$W7SERVER" "$TMP/w7.port" >"$TMP/w7_server.log" 2>&1 &
  W7PID=$!
  for _ in $(seq 50); do [ -s "$TMP/w7.port" ] && break; sleep 0.1; done
  W7PORT=$(cat "$TMP/w7.port" 2>/dev/null)
  [ -n "$W7PORT" ] || { kill "$W7PID" 2>/dev/null; W7PID=""; echo "W7 server did not start: W7 left out" >&2; }
fi

echo "# luasync benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)  QUICK=$QUICK REPS=$REPS  $LUASYNC" >&2
for rep in $(seq 1 "$REPS"); do
  run1 w1 "$rep" "$BENCH/w1_spawn_gather.lua" "$N1"
  run1 w2 "$rep" "$BENCH/w2_pingpong.lua" "$M2"
  for K in $K3; do run1 "w3k$K" "$rep" "$BENCH/w3_sleepers.lua" "$K"; done
  run1 w4 "$rep" "$BENCH/w4_timer.lua" "$T4" "$I4"
  run1 w5 "$rep" "$BENCH/w5_tcp_echo.lua" "$C5" "$N5"
  [ -n "$W7PORT" ] && run1 w7 "$rep" "$BENCH/w7_http_get.lua" "$N7" "$C7" "$W7PORT"
  run1 w8 "$rep" "$BENCH/w8_to_thread.lua" "$N8"
  run1 w9 "$rep" "$BENCH/w9_cpu_threads.lua" "$I9"
  run1 coro "$rep" "$BENCH/coroutines.lua" "$NC"
  command -v lua5.4 >/dev/null && BIN=lua5.4 run1 coro_lua "$rep" "$BENCH/coroutines.lua" "$NC"
done
[ -n "$W7PID" ] && kill "$W7PID" 2>/dev/null
# K=1,000,000 takes a few GB and tens of seconds: once
[ -n "$K3BIG" ] && run1 "w3k$K3BIG" 1 "$BENCH/w3_sleepers.lua" "$K3BIG"

W6JSON=
if command -v hyperfine >/dev/null; then
  W6JSON=$TMP/w6.json
  W6=("$LUASYNC -e ''")
  # reference: the bare interpreter (the peers' W6 list stops early when cqueues is missing)
  command -v lua5.4 >/dev/null && W6+=("lua5.4 -e ''")
  hyperfine -N --warmup 3 --runs "$HF_RUNS" --style basic --export-json "$W6JSON" \
    "${W6[@]}" >"$TMP/w6.out" 2>&1 || { echo "    FAILED: hyperfine (see below)" >&2; tail -n 5 "$TMP/w6.out" >&2; W6JSON=; }
else
  echo "hyperfine not installed: no startup row" >&2
fi

PY=$(command -v python3 || echo /usr/bin/python3)
"$PY" - "$RAW" "$W6JSON" "$HF_RUNS" <<'EOF'
import json, statistics, sys
raw, w6json, hf_runs = sys.argv[1], sys.argv[2], sys.argv[3]
runs, fails = {}, {}
for line in open(raw):
    w, rep, rc, rss, res = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
    kv = dict(x.split("=", 1) for x in res.split() if "=" in x)
    if rc != "0" or not kv:
        fails.setdefault(w, []).append(rc)
        continue
    kv["_rss"] = float(rss)
    runs.setdefault(w, []).append(kv)

def vals(w, k): return [float(r[k]) for r in runs.get(w, []) if k in r]
def med(w, k):
    v = vals(w, k)
    return statistics.median(v) if v else None
def rng(w, k, d=0):
    v = vals(w, k)
    return f"{min(v):,.{d}f} – {max(v):,.{d}f}" if v else ""
def mb(w):
    m = med(w, "_rss")
    return "n/a" if m is None else f"{m / 1024:,.1f}"

rows = []
def failed(label, w):
    if w in fails:
        rows.append((label, "", f"FAILED (rc={','.join(fails[w])})", "", "0", ""))

if "w1" in runs:
    N = int(runs["w1"][0]["N"])
    rows.append(("W1 spawn+gather", f"N={N:,}", f"{med('w1', 'rate'):,.0f} tasks/s (wall {med('w1', 'wall_s'):.3f} s)",
                 rng("w1", "rate"), str(len(runs["w1"])), mb("w1")))
else:
    failed("W1 spawn+gather", "w1")

if "w2" in runs:
    M = int(runs["w2"][0]["M"])
    rows.append(("W2 ping-pong (2 Queues)", f"M={M:,}", f"{med('w2', 'rate'):,.0f} round trips/s (wall {med('w2', 'wall_s'):.3f} s)",
                 rng("w2", "rate"), str(len(runs["w2"])), mb("w2")))
else:
    failed("W2 ping-pong (2 Queues)", "w2")

base = med("w3k0", "_rss")
if "w3k0" in runs:
    rows.append(("W3 sleepers (baseline)", "K=0", "", "", str(len(runs["w3k0"])), mb("w3k0")))
else:
    failed("W3 sleepers (baseline)", "w3k0")
for w in sorted({w for w in list(runs) + list(fails) if w.startswith("w3k") and w != "w3k0"}, key=lambda s: int(s[3:])):
    K = int(w[3:])
    label = f"W3 sleepers"
    if w not in runs:
        failed(label, w); continue
    peak = med(w, "_rss")
    bpt = f"{(peak - base) * 1024 / K:,.0f} B/task; " if base is not None else ""
    rows.append((label, f"K={K:,}", f"{bpt}overshoot {med(w, 'overshoot_ms'):,.0f} ms",
                 f"overshoot {rng(w, 'overshoot_ms')} ms", str(len(runs[w])), mb(w)))

if "w4" in runs:
    r0 = runs["w4"][0]
    rows.append(("W4 timer 10 ms", f"{r0['tasks']}×{r0['iters']} wake-ups",
                 f"mean {med('w4', 'mean_ms'):.2f} ms, p99 {med('w4', 'p99_ms'):.2f} ms (min {med('w4', 'min_ms'):.2f}, "
                 f"max {med('w4', 'max_ms'):.2f}, early {med('w4', 'early_pct'):.1f}%)",
                 f"p99 {rng('w4', 'p99_ms', 2)} ms", str(len(runs["w4"])), mb("w4")))
else:
    failed("W4 timer 10 ms", "w4")

if "w5" in runs:
    r0 = runs["w5"][0]
    rows.append(("W5 TCP echo", f"C={r0['C']}, {int(r0['msgs']):,} × {r0['size']} B",
                 f"{med('w5', 'rate'):,.0f} messages/s (wall {med('w5', 'wall_s'):.3f} s)",
                 rng("w5", "rate"), str(len(runs["w5"])), mb("w5")))
else:
    failed("W5 TCP echo", "w5")

if "w7" in runs:
    r0 = runs["w7"][0]
    rows.append(("W7 HTTP GET", f"N={r0['N']}, C={r0['C']}, 1 KiB bodies",
                 f"{med('w7', 'rate'):,.0f} requests/s", rng("w7", "rate"), str(len(runs["w7"])), mb("w7")))
if "w8" in runs:
    r0 = runs["w8"][0]
    rows.append(("W8 to_thread", f"N={r0['N']} round trips", f"{med('w8', 'rate'):,.0f} calls/s",
                 rng("w8", "rate"), str(len(runs["w8"])), mb("w8")))
else:
    failed("W8 to_thread", "w8")
if "w9" in runs:
    r0 = runs["w9"][0]
    rows.append(("W9 CPU threads", f"2 jobs of {r0['iters']} iterations", f"speed-up {med('w9', 'speedup'):.2f}x",
                 rng("w9", "speedup", 2), str(len(runs["w9"])), mb("w9")))
else:
    failed("W9 CPU threads", "w9")

if "coro" in runs:
    r0 = runs["coro"][0]
    ratio = ""
    if "coro_lua" in runs:
        ratio = f"; lua5.4 {med('coro_lua', 'round_trips_per_sec'):,.0f}, luasync's time {med('coro_lua', 'round_trips_per_sec') / med('coro', 'round_trips_per_sec'):.2f}x lua5.4's"
    rows.append(("Lua coroutines (resume + wrap)", f"2 × {int(r0['n']):,} round trips",
                 f"{med('coro', 'round_trips_per_sec'):,.0f} round trips/s{ratio}",
                 rng("coro", "round_trips_per_sec"), str(len(runs["coro"])), mb("coro")))
else:
    failed("Lua coroutines (resume + wrap)", "coro")

if w6json:
    for r in json.load(open(w6json))["results"]:
        rows.append(("W6 startup", r["command"], f"{r['median'] * 1000:.1f} ms (median)",
                     f"{r['min'] * 1000:.1f} – {r['max'] * 1000:.1f} ms", f"{len(r['times'])} (hyperfine)", ""))

hdr = ("Workload", "Size", "Figure (median)", "Range over runs", "Runs", "Peak RSS MB")
print("| " + " | ".join(hdr) + " |")
print("|" + "|".join("---" for _ in hdr) + "|")
for r in rows:
    print("| " + " | ".join(r) + " |")
sys.exit(1 if fails else 0)
EOF
status=$?

# ---- peers comparison: one run of shared/peers/run.sh with a luasync row
PEERS_SH=$BENCH/../../shared/peers/run.sh
if [ "$PEERS" = 1 ]; then
  if [ ! -f "$PEERS_SH" ]; then
    echo "peers not found at $PEERS_SH: skipping the comparison" >&2
  elif ! command -v lua5.4 >/dev/null || ! lua5.4 -e 'require "luv"' 2>/dev/null; then
    echo "lua5.4 with luv (apt-get install lua5.4 lua-luv) not available: skipping the comparison" >&2
  else
    if [ -z "${ONLY_W:-}" ]; then
      ONLY_W="w1 w3 w4 w6 coro"  # peers' workloads with a luasync script in bench/
      [ -f "$BENCH/w2_pingpong.lua" ] && ONLY_W="$ONLY_W w2"
      [ -f "$BENCH/w5_tcp_echo.lua" ] && ONLY_W="$ONLY_W w5"
      ONLY_W="$ONLY_W w7 w8 w9"
    fi
    if [ -z "${ONLY_P:-}" ] && ! lua5.4 -e 'require "cqueues"' 2>/dev/null; then
      # every cqueues row would fail: leave them out (W6 still lists cqueues and hyperfine
      # stops at that failing command, so the peers' W6 table may be partial)
      ONLY_P="luasync asyncio uvloop node node-micro luv luajit+luv lua5.4 luajit python-gen node-gen"
      echo "lua-cqueues not installed: cqueues rows left out" >&2
    fi
    echo >&2
    echo "# peers comparison: $PEERS_SH  (ONLY_W=\"$ONLY_W\")" >&2
    echo
    echo "## Peers (one run of shared/peers/run.sh, luasync included)"
    echo
    mkdir -p "$TMP/peers"
    LUASYNC=$LUASYNC LUASYNC_BENCH=$BENCH RESULTS_DIR=$TMP/peers QUICK=$QUICK ONLY_W=$ONLY_W ONLY_P=${ONLY_P:-} \
      bash "$PEERS_SH" || status=1
    [ "$KEEP" = 1 ] && echo "peers results kept in $TMP/peers" >&2
  fi
fi
[ "$KEEP" = 1 ] && echo "raw data kept in $TMP" >&2
exit $status
