#!/usr/bin/env bash
# Allocation per request of the seed echo server (`./weft example echo-server`: a coroutine per
# connection, the default runtime): JFR's per-thread allocation counters (jdk.ThreadAllocationStatistics,
# every second) over a load window of the C load generator, divided by the requests it completed.
# Threads that are not the server's (jcmd's attach listener, the JMX and JFR threads) are left out.
# Usage (through the launcher, which passes the java command line):
#   ./weft bench echo-alloc [CONNS=16] [SECS=6]      (EXTRA='-Dweft.ioDriver=NIO' for the fallback)
# The load generator is bin/loadgen in the peers' folder (WEFT_PEERS, else ${TMPDIR:-/tmp}/weft-peers).
set -euo pipefail
conns=${CONNS:-16}; secs=${SECS:-6}
peers=${WEFT_PEERS:-${TMPDIR:-/tmp}/weft-peers}
loadgen=$peers/bin/loadgen
[ -x "$loadgen" ] || { echo "echo-alloc: no load generator at $loadgen: build the peers with their build.sh, then set WEFT_PEERS" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
out=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$out"' EXIT
"$@" ${EXTRA:-} "-XX:StartFlightRecording=filename=$out/r.jfr,settings=none,+jdk.ThreadAllocationStatistics#enabled=true,+jdk.ThreadAllocationStatistics#period=1s" \
  dev.weft.examples.Examples echo-server "$port" > "$out/server.out" 2>&1 &
pid=$!
sleep 3
"$loadgen" 127.0.0.1 "$port" "$conns" 64 2 0 > /dev/null             # warm-up
t0=$(date +%s%N)
"$loadgen" 127.0.0.1 "$port" "$conns" 64 "$secs" 0 > "$out/load.out"
t1=$(date +%s%N)
sleep 1.5
jcmd "$pid" JFR.dump "filename=$out/r.jfr" > /dev/null
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
head -1 "$out/load.out"
jfr print --json --events jdk.ThreadAllocationStatistics "$out/r.jfr" > "$out/alloc.json"
python3 - "$out/alloc.json" "$t0" "$t1" "$out/load.out" <<'PY'
import datetime, json, re, sys
events = json.load(open(sys.argv[1]))['recording']['events']
t0, t1 = int(sys.argv[2]) / 1e9, int(sys.argv[3]) / 1e9
samples = {}
for e in events:
    v = e['values']
    name = v['thread']['javaName'] if v.get('thread') else '?'
    ts = datetime.datetime.fromisoformat(v['startTime'].replace('Z', '+00:00')).timestamp()
    samples.setdefault(name, []).append((ts, v['allocated']))
skip = ('Attach Listener', 'weft-jmx', 'JFR ', 'RMI', 'Notification')
total, span, per = 0, None, {}
for name, ss in samples.items():
    if name.startswith(skip):
        continue
    ss.sort()
    first = [s for s in ss if s[0] >= t0]
    last = [s for s in ss if s[0] <= t1]
    if not first or not last or last[-1][0] <= first[0][0]:
        continue
    d = last[-1][1] - first[0][1]
    total += d
    per[name] = d
    span = (first[0][0], last[-1][0])
rps = float(re.search(r'rps=([0-9.]+)', open(sys.argv[4]).read()).group(1))
requests = rps * (span[1] - span[0])
print('window %.2f s, %d requests, %d B allocated by the server\'s threads: %.4f B/request'
      % (span[1] - span[0], requests, total, total / requests))
print('by thread:', {k: v for k, v in per.items() if v} or 'nothing')
PY
