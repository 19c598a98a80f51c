#!/usr/bin/env bash
# `make bench`, part 2: `placard serve` under wrk on 127.0.0.1 (issue 12's
# targets). Every run is bounded in time and stops by itself.
#   bench/serve.sh BUILD_DIR
# BENCH_SECONDS (default 10) per wrk run; BENCH_MEMORY_REQUESTS (default
# 100000) unique texts for the memory run, 0 to skip it.
set -euo pipefail
build=${1:-build}
placard="$build/placard"
bench="$build/placard_bench"
secs=${BENCH_SECONDS:-10}
memory_requests=${BENCH_MEMORY_REQUESTS:-100000}
cache_mb=${BENCH_CACHE_MB:-64}
ulimit -n 4096 2>/dev/null || true  # 1,000 keep-alive connections, both ends
command -v wrk >/dev/null || { echo "serve bench: wrk is missing (apt-get install wrk)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

"$placard" keygen > "$tmp/key"
# Unique texts, signed: enough that no run wraps around into cache hits.
"$bench" urls 200000 "$tmp/key" standard og > "$tmp/unique.txt"
head -n 64 "$tmp/unique.txt" > "$tmp/hot.txt"

start_server() {  # extra serve options...
  # wrk's connections all come from 127.0.0.1: the per-address limit is
  # raised unless a run sets per_ip (the slow-client row).
  "$placard" serve --listen 127.0.0.1:0 --key-file "$tmp/key" -j 2 --cache-mb "$cache_mb" \
      --max-connections-per-ip "${per_ip:-4096}" "$@" \
      > "$tmp/stdout" 2> "$tmp/access.log" &
  server=$!
  for _ in $(seq 100); do grep -q listening "$tmp/stdout" 2>/dev/null && break; sleep 0.05; done
  url=$(sed -n 's/^listening on //p' "$tmp/stdout")
}
stop_server() { kill -TERM "$server"; wait "$server" || true; server=""; }
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f\n", $2 / 1024}' "/proc/$server/status"; }

# wrk over a URL list; each thread starts at its own offset (no two threads
# send the same unique text). Prints "req/s p50 p99 max non2xx".
wrk_list() {  # list concurrency seconds
  local list=$1 c=$2 d=$3 t=2
  ((c == 1)) && t=1
  wrk -t"$t" -c"$c" -d"${d}s" --latency --timeout 10s -s "$here/serve_urls.lua" "$url" -- "$list" loop "$t" \
    > "$tmp/wrk.out" 2>&1 || true
  awk '
    /Requests\/sec/ {rps = $2}
    $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2}
    $1 == "Latency" && NF >= 4 {max = $4}
    /Non-2xx/ {non = $5}
    END {printf "%s %s %s %s %s\n", rps, p50, p99, max, non + 0}' "$tmp/wrk.out"
}

echo "== placard serve: og cards over HTTP, wrk on 127.0.0.1, 2 render workers, --cache-mb $cache_mb =="
"$bench" stages 100 og > "$tmp/stages.txt"
cpu=$(sed -n 's/.*= \([0-9.]*\) ms\/card median.*/\1/p' "$tmp/stages.txt")
wall=$(sed -n 's/.*wall median \([0-9.]*\)).*/\1/p' "$tmp/stages.txt")
echo "in-process warm render (placard_bench stages 100 og): $cpu ms CPU, $wall ms wall per card;" \
     "two workers: $(awk -v m="$cpu" 'BEGIN {printf "%.0f", 2000 / m}') cards/s by CPU," \
     "$(awk -v m="$wall" 'BEGIN {printf "%.0f", 2000 / m}') by wall time (target: 85% of these)"
printf '%-14s %5s %10s %10s %10s %10s %8s %8s\n' case conc req/s p50 p99 max non-2xx peak-MB
start_server
offset=0
for c in 1 8 64; do
  # Each miss run takes its own slice of the unique list, so nothing is cached.
  sed -n "$((offset + 1)),$((offset + 60000))p" "$tmp/unique.txt" > "$tmp/slice.txt"
  offset=$((offset + 60000))
  read -r rps p50 p99 max non < <(wrk_list "$tmp/slice.txt" "$c" "$secs")
  printf '%-14s %5s %10s %10s %10s %10s %8s %8s\n' "miss (unique)" "$c" "$rps" "$p50" "$p99" "$max" "$non" "$(hwm_mb)"
done
for c in 1 8 64; do
  wrk_list "$tmp/hot.txt" 8 1 >/dev/null  # warm: every hot URL rendered once
  read -r rps p50 p99 max non < <(wrk_list "$tmp/hot.txt" "$c" "$secs")
  printf '%-14s %5s %10s %10s %10s %10s %8s %8s\n' "hit (cached)" "$c" "$rps" "$p50" "$p99" "$max" "$non" "$(hwm_mb)"
done
stop_server

echo
echo "== overload: concurrency 256, unique texts, $secs s; /healthz probed every 100 ms =="
start_server
tail -n 60000 "$tmp/unique.txt" > "$tmp/slice.txt"
( end=$((SECONDS + secs)); worst=0
  while ((SECONDS < end)); do
    t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 2 "$url/healthz" || echo "000 2")
    echo "$t"; sleep 0.1
  done > "$tmp/health.txt" ) &
health=$!
read -r rps p50 p99 max non < <(wrk_list "$tmp/slice.txt" 256 "$secs")
wait "$health"
ok=$(awk '$1 == 200' "$tmp/health.txt" | wc -l); total=$(wc -l < "$tmp/health.txt")
hmax=$(awk 'BEGIN {m = 0} {if ($2 > m) m = $2} END {printf "%.1f ms", m * 1000}' "$tmp/health.txt")
echo "answers: $rps req/s, p50 $p50, p99 $p99, slowest $max; $non of them 503 (busy)"
echo "healthz: $ok of $total probes answered 200, slowest $hmax"
echo "peak RSS $(hwm_mb) MB"
stop_server

echo
echo "== keep-alive bursts: one cached URL, wrk -t2 -d${secs}s =="
printf '%-14s %5s %10s %10s %10s %10s %8s\n' case conc req/s p50 p99 max non-2xx
start_server --max-connections 2000
head -n 1 "$tmp/hot.txt" > "$tmp/one.txt"
wrk_list "$tmp/one.txt" 8 1 >/dev/null  # rendered once
for c in 64 256 1000; do
  read -r rps p50 p99 max non < <(wrk_list "$tmp/one.txt" "$c" "$secs")
  printf '%-14s %5s %10s %10s %10s %10s %8s\n' "hit, burst" "$c" "$rps" "$p50" "$p99" "$max" "$non"
done
stop_server

echo
echo "== slow clients: 200 connections from 127.0.0.1 trickling a header line every 0.5 s, --header-timeout 2,"
echo "   --max-connections-per-ip 64; /healthz probed from 127.0.0.2 every 0.2 s =="
per_ip=64 start_server --header-timeout 2
port=${url##*:}
python3 - "$port" > "$tmp/slow.txt" <<'PY' &
import socket, sys, time
port = int(sys.argv[1]); socks = []
for _ in range(200):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=1)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n"); socks.append(s)
    except OSError:
        pass
end = time.time() + 6; cut = 0
while time.time() < end and socks:
    for s in list(socks):
        try:
            s.sendall(b"X-A: b\r\n")
        except OSError:
            socks.remove(s); cut += 1
    time.sleep(0.5)
print(len(socks), cut)
PY
slow=$!
sleep 0.5
( end=$((SECONDS + 6)); while ((SECONDS < end)); do
    curl -s -o /dev/null --interface 127.0.0.2 -w '%{http_code} %{time_total}\n' --max-time 2 "$url/healthz" \
      || echo "000 2"; sleep 0.2
  done > "$tmp/health.txt" ) &
health=$!
wait "$health" "$slow"
ok=$(awk '$1 == 200' "$tmp/health.txt" | wc -l); total=$(wc -l < "$tmp/health.txt")
hmax=$(awk 'BEGIN {m = 0} {if ($2 > m) m = $2} END {printf "%.1f ms", m * 1000}' "$tmp/health.txt")
read -r left cut < "$tmp/slow.txt"
echo "trickling connections still open after 6 s: $left (closed by the server: $cut)"
echo "healthz: $ok of $total probes answered 200, slowest $hmax"
curl -s --interface 127.0.0.2 "$url/metrics" | grep '^placard_refused_total'
stop_server

if ((memory_requests > 0)); then
  echo
  echo "== memory: $memory_requests requests of unique texts at concurrency 8, --cache-mb $cache_mb =="
  start_server
  head -n "$memory_requests" "$tmp/unique.txt" > "$tmp/slice.txt"
  n=$(wc -l < "$tmp/slice.txt")
  # One pass over the list: each wrk thread stops at the end of its share,
  # and wrk is ended when the access log has a line for every request.
  wrk -t2 -c8 -d3600s --timeout 10s -s "$here/serve_urls.lua" "$url" -- "$tmp/slice.txt" once 2 \
    > "$tmp/wrk.out" 2>&1 &
  load=$!
  : > "$tmp/rss.txt"
  deadline=$((SECONDS + 3000))
  while kill -0 "$load" 2>/dev/null; do
    done_n=$(wc -l < "$tmp/access.log")
    echo "$done_n $(rss_mb)" >> "$tmp/rss.txt"
    if ((done_n >= n || SECONDS > deadline)); then kill "$load"; break; fi
    sleep 2
  done
  wait "$load" 2>/dev/null || true
  echo "requests answered: $(wc -l < "$tmp/access.log"), of which 200: $(awk '$3 == 200' "$tmp/access.log" | wc -l)"
  echo "RSS (MB) by requests answered:"
  awk -v n="$n" 'BEGIN {m = 0} {
      for (f = 1; f <= 10; f++) if (!done[f] && $1 >= n * f / 10) {printf "  %6d: %s MB\n", $1, $2; done[f] = 1}
    }' "$tmp/rss.txt"
  q=$(awk '{print $2}' "$tmp/rss.txt" | sort -n | tail -1)
  echo "largest RSS sample $q MB; peak RSS $(hwm_mb) MB (target: at most $((cache_mb + 100)) MB)"
  stop_server
fi
