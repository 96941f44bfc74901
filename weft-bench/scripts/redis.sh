#!/usr/bin/env bash
# Mini-redis (`./weft example mini-redis`) against redis-server and against the same protocol code
# served the plain JDK way (BlockingRedis: a virtual thread per connection, blocking streams, a
# ConcurrentHashMap), each alone on core 0, with redis-benchmark on core 1: -c 50, -P 1 and -P 16,
# SET and GET, N requests per run (5N with -P 16, which runs ~10x faster, so the CPU clock's 10 ms
# ticks stay fine-grained), the servers interleaved over ROUNDS rounds so drift on the machine hits
# all alike. Prints each run's requests/s and the server's CPU per request (utime+stime from
# /proc/PID/stat, before and after the run), then the best/minimum and median of each, and Weft's
# ratios to redis-server and to the JDK way.
# Usage (through the launcher, which passes the java command line):
#   ./weft bench redis [N=200000] [ROUNDS=3]
#   STORE=task ./weft bench redis ...   (Weft's server with its store behind a task, the design not chosen)
# Needs redis-tools (redis-benchmark) and redis-server; without redis-server only Weft's runs are
# printed. Measure on a quiet machine: another build on the other core skews both servers.
set -euo pipefail
n1=${N:-200000}; rounds=${ROUNDS:-3}; n=$n1
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
taskset -c 0 "$@" dev.weft.examples.Examples mini-redis "$wport" "${STORE:-map}" > "$out/weft.log" 2>&1 &
wpid=$!; pids+=("$wpid")
wait_ready "$wport"
vport=$(free_port)
taskset -c 0 "$@" dev.weft.examples.redis.BlockingRedis "$vport" > "$out/vt.log" 2>&1 &
vpid=$!; pids+=("$vpid")
wait_ready "$vport"
if [ "$have_redis" = 1 ]; then
  rport=$(free_port)
  taskset -c 0 redis-server --save "" --appendonly no --port "$rport" --bind 127.0.0.1 > "$out/redis.log" 2>&1 &
  rpid=$!; pids+=("$rpid")
  wait_ready "$rport"
fi

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime (fields 14, 15)

run() { # server name $1, pid $2, port $3, pipeline $4, test $5: appends "name P test rps cpu_us" to results
  local before after rps n
  n=$(( $4 == 1 ? n1 : n1 * 5 ))
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
taskset -c 1 redis-benchmark -p "$vport" -c 50 -P 16 -t set,get -n "$n" -q > /dev/null 2>&1
for r in $(seq 1 "$rounds"); do
  echo "-- round $r of $rounds"
  for p in 1 16; do
    for t in set get; do
      run weft "$wpid" "$wport" "$p" "$t"
      run jdk-vt "$vpid" "$vport" "$p" "$t"
      [ "$have_redis" = 1 ] && run redis "$rpid" "$rport" "$p" "$t"
    done
  done
done

echo "-- min and median over $rounds rounds; ratios of Weft's to redis-server's and to jdk-vt's (min, then median)"
python3 - "$out/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, p, t, rps, us = line.split()
    runs.setdefault((name, p, t), []).append((float(rps), float(us)))
def stats(name, p, t):
    r = runs.get((name, p, t))
    if not r:
        return None
    rps = [x[0] for x in r]; us = [x[1] for x in r]
    return max(rps), statistics.median(rps), min(us), statistics.median(us)
for p in ("1", "16"):
    for t in ("set", "get"):
        for name in ("weft", "jdk-vt", "redis"):
            s = stats(name, p, t)
            if s:
                print(f"-P {p:<2} {t:<3} {name:<6} req/s best {s[0]:10.0f} median {s[1]:10.0f}   CPU us/req min {s[2]:6.3f} median {s[3]:6.3f}")
        w = stats("weft", p, t)
        for peer in ("redis", "jdk-vt"):
            o = stats(peer, p, t)
            if o:
                print(f"-P {p:<2} {t:<3} weft/{peer:<6} req/s {w[0]/o[0]:.2f}x ({w[1]/o[1]:.2f}x)   CPU/req {w[2]/o[2]:.2f}x ({w[3]/o[3]:.2f}x)")
PY
