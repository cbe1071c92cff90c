#!/usr/bin/env bash
# Start-up time and idle memory of a Surel server, as `./surel serve` starts it.
#   scripts/start-probe.sh [--runs N] [--settle SECONDS] [-- JAVA_OPTIONS...]
# One data directory and a configuration on loopback port 0; a first start (not counted) makes the
# store and the self-signed certificate. Each run: the time from exec of ./surel to the ports file
# (<data_dir>/ports, written once every listener is bound), then the JVM's RSS (VmRSS of
# /proc/PID/status) after SETTLE seconds with no connection; then a graceful stop.
# JAVA_OPTIONS after "--" are appended to SUREL_JAVA_OPTS (e.g. -- -XX:+UseG1GC -Xmx1g).
# Prints one line per run: "run N: ports after MS ms (C ms of CPU), idle RSS KB kB". Figures from
# a machine that is busy with other work are not comparable: take them on a quiet one (the CPU
# time suffers least). The idle RSS settles once G1's periodic collection (every 30 s, dist/jvm.env)
# has given the start-up garbage back: --settle 40 measures that; SUREL_AOT=0 starts without the
# start-up cache.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3 settle=5
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --) shift; export SUREL_JAVA_OPTS="${SUREL_JAVA_OPTS:-} $*"; break ;;
    *) echo "start-probe: unknown option $1" >&2; exit 64 ;;
  esac
done
"$root/surel" --version >/dev/null # builds when sources changed, and makes the AOT cache on first use
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
d=$t
cat > "$d/surel.toml" <<TOML
hostname = "mail.example.test"
data_dir = "$d/data"
[listen]
smtp = "127.0.0.1:0"
submission = "127.0.0.1:0"
imap = "127.0.0.1:0"
imaps = "127.0.0.1:0"
pop3 = "127.0.0.1:0"
pop3s = "127.0.0.1:0"
TOML
for i in $(seq 0 "$runs"); do
  rm -f "$d/data/ports"
  start=$(date +%s%N)
  "$root/surel" --config "$d/surel.toml" serve > "$d/log" 2>&1 &
  pid=$!
  while [ ! -s "$d/data/ports" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "start-probe: the server ended; its log:" >&2; cat "$d/log" >&2; exit 1; }
    sleep 0.01
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$pid/stat") # user + system time, clock ticks of 10 ms
  [ "$i" = 0 ] || sleep "$settle"
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  [ "$i" = 0 ] || echo "run $i: ports after $ms ms ($cpu ms of CPU), idle RSS $rss kB"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done
