#!/usr/bin/env bash
# Mini-redis (`./weft example mini-redis`) against redis-server, each alone on core 0, with
# redis-benchmark on core 1: -c 50, -P 1 and -P 16, SET and GET, N requests per run, the two
# servers interleaved over ROUNDS rounds so drift on the machine hits both alike. Prints each
# run's requests/s and the server's CPU per request (utime+stime from /proc/PID/stat, before and
# after the run), then the medians and Weft's ratios to redis-server.
# Usage (through the launcher, which passes the java command line):
#   ./weft bench redis [N=200000] [ROUNDS=3]
# Needs redis-tools (redis-benchmark) and redis-server; without redis-server only Weft's runs are
# printed. Measure on a quiet machine: another build on the other core skews both servers.
set -euo pipefail
n=${N:-200000}; rounds=${ROUNDS:-3}
command -v redis-benchmark >/dev/null || { echo "redis: redis-benchmark not found (apt-get install redis-tools)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "redis: taskset not found (util-linux)" >&2; exit 1; }
have_redis=1; command -v redis-server >/dev/null || { have_redis=0; echo "redis: redis-server not found: Weft's runs only"; }
[ "$(nproc)" -ge 2 ] || echo "redis: fewer than 2 cores: server and client share core 0, figures are not comparable"
tck=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
out=$(mktemp -d)
pids=()
trap 'for p in ${pids[@]+"${pids[@]}"}; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"' EXIT

wait_ready() { # port $1: until PING answers (10 s at most)
  for _ in $(seq 1 100); do
    [ "$(redis-cli -p "$1" PING 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  echo "redis: no server answered on port $1" >&2; return 1
}

wport=$(free_port)
taskset -c 0 "$@" dev.weft.examples.Examples mini-redis "$wport" > "$out/weft.log" 2>&1 &
wpid=$!; pids+=("$wpid")
wait_ready "$wport"
if [ "$have_redis" = 1 ]; then
  rport=$(free_port)
  taskset -c 0 redis-server --save "" --appendonly no --port "$rport" --bind 127.0.0.1 > "$out/redis.log" 2>&1 &
  rpid=$!; pids+=("$rpid")
  wait_ready "$rport"
fi

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime (fields 14, 15)

run() { # server name $1, pid $2, port $3, pipeline $4, test $5: appends "name P test rps cpu_us" to results
  local before after rps
  before=$(cpu_ticks "$2")
  rps=$(taskset -c 1 redis-benchmark -p "$3" -c 50 -P "$4" -t "$5" -n "$n" -q 2>&1 | tr '\r' '\n' \
        | sed -n 's/^[A-Z_]*: \([0-9.]*\) requests per second.*/\1/p' | tail -n 1)
  after=$(cpu_ticks "$2")
  [ -n "$rps" ] || { echo "redis: redis-benchmark gave no result for $1 $5 -P $4" >&2; exit 1; }
  local us; us=$(awk -v d=$((after - before)) -v t="$tck" -v n="$n" 'BEGIN { printf "%.3f", d * 1e6 / t / n }')
  printf '%-6s -P %-2s %-3s %12s req/s %8s us CPU/req\n' "$1" "$4" "$5" "$rps" "$us"
  echo "$1 $4 $5 $rps $us" >> "$out/results"
}

# warm-up: the JIT compiles the server's paths before anything is counted
taskset -c 1 redis-benchmark -p "$wport" -c 50 -P 16 -t set,get -n "$n" -q > /dev/null 2>&1
for r in $(seq 1 "$rounds"); do
  echo "-- round $r of $rounds"
  for p in 1 16; do
    for t in set get; do
      run weft "$wpid" "$wport" "$p" "$t"
      [ "$have_redis" = 1 ] && run redis "$rpid" "$rport" "$p" "$t"
    done
  done
done

echo "-- medians over $rounds rounds (ratio: weft / redis-server)"
python3 - "$out/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, p, t, rps, us = line.split()
    runs.setdefault((name, p, t), []).append((float(rps), float(us)))
for p in ("1", "16"):
    for t in ("set", "get"):
        w = runs.get(("weft", p, t)); r = runs.get(("redis", p, t))
        wr, wu = statistics.median(x[0] for x in w), statistics.median(x[1] for x in w)
        line = f"-P {p:<2} {t:<3}  weft {wr:12.0f} req/s {wu:7.3f} us/req"
        if r:
            rr, ru = statistics.median(x[0] for x in r), statistics.median(x[1] for x in r)
            line += f"   redis-server {rr:12.0f} req/s {ru:7.3f} us/req   ratio {wr / rr:.2f}x req/s, {wu / ru:.2f}x CPU"
        print(line)
PY
