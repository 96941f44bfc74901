#!/usr/bin/env bash
# The three micro workloads side by side in one run, interleaved: Weft (coroutine and poll-based
# tasks, current-thread and 2 workers), the JDK's virtual threads, and Tokio's micro-tokio when
# it is found: MICRO_TOKIO, else bin/micro-tokio in the peers' folder (WEFT_PEERS, else the
# peers' build.sh default ${TMPDIR:-/tmp}/weft-peers), as `./weft bench echo` finds its peers.
# Each configuration is one process per outer round (its inner rounds give a median); after all
# rounds, the minimum and the median of those medians, and their ratios to Tokio's. Usage
# (through the launcher):
#   ./weft bench micro-compare [N=1000000] [ROUNDS=5] [TIMER_N=N]
set -euo pipefail
if [ -z "${MICRO_TOKIO:-}" ]; then
  peers=${WEFT_PEERS:-${TMPDIR:-/tmp}/weft-peers}
  if [ -x "$peers/bin/micro-tokio" ]; then
    MICRO_TOKIO=$peers/bin/micro-tokio
  else
    echo "micro-compare: no Tokio peer at $peers/bin/micro-tokio: build the peers with their build.sh" \
      "(it writes to \$PEERS_OUT), then set WEFT_PEERS or MICRO_TOKIO; running without Tokio" >&2
  fi
fi
java_cmd=("$@")                        # how to start Micro: java [flags] -cp JAR dev.weft.bench.Micro
n=${N:-1000000}; rounds=${ROUNDS:-5}; timer_n=${TIMER_N:-$n}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

configs() { # name | command suffix, for BENCH in $1
  [ -n "${MICRO_TOKIO:-}" ] && { echo "tokio-ct|tokio ct 1"; echo "tokio-mt2|tokio mt 2"; }
  echo "jdk-vt|weft vt 2"
  echo "weft-ct-coroutine|weft ct 2 coroutine"; echo "weft-mt2-coroutine|weft mt 2 coroutine"
  echo "weft-ct-continuation|weft ct 2 continuation"; echo "weft-mt2-continuation|weft mt 2 continuation"
  echo "weft-ct-poll|weft ct 2 poll";           echo "weft-mt2-poll|weft mt 2 poll"
}

run_one() { # bench name who rt workers [kind] -> one output line
  local bench=$1 who=$3 rt=$4 workers=$5 kind=${6:-coroutine} count=$n inner=5
  [ "$bench" = timers ] && { count=$timer_n; inner=1; }
  if [ "$who" = tokio ]; then
    "$MICRO_TOKIO" "$bench" "$rt" "$count" "$inner" "$workers"
  else
    "${java_cmd[@]}" "$bench" "$rt" "$count" "$inner" "$workers" "$kind"
  fi
}

for bench in spawn-many ping-pong timers; do
  for r in $(seq 1 "$rounds"); do
    while IFS='|' read -r name args; do
      # shellcheck disable=SC2086
      line=$(run_one "$bench" "$name" $args 2>/dev/null | tail -n 1) || line=""
      if [ "$bench" = timers ]; then
        v=$(sed -n 's/.*wall_ms=\([0-9.]*\).*peak_rss_mb=\([0-9.]*\).*/\1 \2/p' <<<"$line")
      else
        v=$(sed -n 's/.*median_ns_op=\([0-9.]*\).*/\1/p' <<<"$line")
      fi
      echo "$name ${v:-FAILED}" >>"$out/$bench"
    done < <(configs)
  done
done

summarize() { # file unit column -> table with min, median, ratios to tokio's min and median
  awk -v col="$3" -v unit="$2" '
    !($1 in seen) { order[++k] = $1; seen[$1] = 1 }
    $2 == "FAILED" { failed[$1]++; next }
    { v[$1, ++c[$1]] = $(col) }
    function sortv(name,   i, j, t, n) { n = c[name]; for (i = 1; i <= n; i++) s[i] = v[name, i];
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
      return n }
    END {
      for (i = 1; i <= k; i++) { name = order[i]; if (!c[name]) continue; n = sortv(name); mn[name] = s[1]; md[name] = s[int((n + 1) / 2)] }
      printf "%-20s %12s %12s %14s %14s\n", "", "min " unit, "median " unit, "/tokio-ct", "/tokio-mt2"
      for (i = 1; i <= k; i++) { name = order[i]
        if (!c[name]) { printf "%-20s %12s\n", name, "failed"; continue }
        r1 = ("tokio-ct" in mn) ? sprintf("%.2f / %.2f", mn[name] / mn["tokio-ct"], md[name] / md["tokio-ct"]) : "-"
        r2 = ("tokio-mt2" in mn) ? sprintf("%.2f / %.2f", mn[name] / mn["tokio-mt2"], md[name] / md["tokio-mt2"]) : "-"
        printf "%-20s %12.1f %12.1f %14s %14s%s\n", name, mn[name], md[name], r1, r2, (name in failed) ? "  (" failed[name] " failed)" : "" }
    }' "$1"
}

echo "N=$n (timers: $timer_n), $rounds interleaved rounds; ratios: min / median"
echo "== spawn-many, ns per task";           summarize "$out/spawn-many" ns 2
echo "== ping-pong, ns per round trip";      summarize "$out/ping-pong" ns 2
echo "== timers, wall ms";                   summarize "$out/timers" ms 2
echo "== timers, peak RSS MB";               summarize "$out/timers" MB 3
