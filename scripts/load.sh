#!/usr/bin/env bash
# The documented load run of the recheck server (not part of CI; figures in
# the README). wrk from Debian drives POST /api/check on loopback:
#   1. 64 connections for 30 s with real reports (good and bad);
#   2. the same with each hostile body: 1 MiB of nesting, a 1 MiB key,
#      1 MiB of unknown keys (about 110,000),
#      malformed UTF-8, truncated JSON;
#   3. 16 connections sending hostile bodies in turn (a 900 KB key, 20,000
#      unknown keys, 1 MiB of nesting) while 4 others send normal reports:
#      the normal requests' latency is what counts;
#   4. 64 slow senders (a byte a second) while normal requests go on.
# Prints wrk's summaries, each run's status counts and the server's peak RSS.
#
#   scripts/load.sh [SECONDS]     (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --quiet --features serve
dir=$(mktemp -d)
python3 bench/load/bodies.py "$dir"
port=18080
target/release/diaodu serve --addr 127.0.0.1:$port --www www > "$dir/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do
  grep -q "http://" "$dir/server.log" && break
  sleep 0.1
done
url=http://127.0.0.1:$port
body() { local IFS=,; echo "$*"; }
load() { # NAME CONNECTIONS SECONDS BODY...
  local name=$1 conns=$2 s=$3; shift 3
  local files=()
  for b in "$@"; do files+=("$dir/$b.json"); done
  echo "== $name: $conns connections, $s s, bodies: $*"
  BODIES=$(body "${files[@]}") wrk -t2 -c"$conns" -d"${s}s" --timeout 15s -s bench/load/post.lua "$url"
}
rss() { echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"; }

load "real reports" 64 "$secs" good bad
rss
for b in nesting key keysmax utf8 truncated; do
  load "hostile: $b" 64 "$secs" "$b"
  rss
done

echo "== 16 hostile clients (900 KB key, 20,000 keys, nesting) beside 4 normal ones"
BODIES=$(body "$dir/key900k.json" "$dir/keys20k.json" "$dir/nesting.json") \
  wrk -t1 -c16 -d"$((secs + 4))s" --timeout 15s -s bench/load/post.lua "$url" > "$dir/hostile.txt" &
hostile=$!
sleep 2
load "normal requests meanwhile" 4 "$secs" good
wait $hostile
echo "-- the hostile clients:"; cat "$dir/hostile.txt"
rss

echo "== 64 slow senders (half light, half heavy) beside normal requests"
python3 bench/load/slow.py 127.0.0.1 $port 64 &
slow=$!
sleep 1
load "normal requests meanwhile" 4 10 good
wait $slow
rss
