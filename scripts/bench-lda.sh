#!/usr/bin/env bash
# Durable local delivery, side by side: Dovecot's LDA (dovecot-lda, from Debian's dovecot-core)
# against `surel deliver`, one process per message, in the same run.
#
#   scripts/bench-lda.sh [--messages N] [--jvm-messages M] [--runs R] [--keep]
#   ./bench --compare-lda [same options]
#
#   --messages N      messages per Dovecot run (default 300)
#   --jvm-messages M  messages per Surel run (default 30): each `surel deliver` starts a JVM,
#                     which takes about a second here, so Surel runs deliver fewer messages;
#                     every figure is a per-message rate, so the rows compare all the same
#   --runs R          runs of each measure (default 3); the runs are interleaved (run 1 of every
#                     measure, then run 2, ...) so that load from elsewhere spreads over all
#   --keep            keep the temporary directory (mail, data dirs, logs) and print its path
#
# Measures (wall time of the whole sequential loop, one process per message, stdin = message):
#   dovecot-lda fsync=always     dovecot-lda -c CONF  with mail_fsync = always
#   dovecot-lda fsync=optimized  the same with Dovecot's default, mail_fsync = optimized
#                                (the message file is still fsynced before it is renamed into
#                                new/; index and uidlist writes are not)
#   surel deliver via server     java -jar surel.jar --config CONF deliver --to bench@example.test
#                                while `surel serve` runs on that data dir: the CLI hands the
#                                message to the server over the admin channel (Unix socket)
#   surel deliver standalone     the same with no server: the CLI opens the data dir itself
#   surel --version (start-up)   not a delivery: java -jar surel.jar --version, 10 per run, the
#                                floor every `surel deliver` pays (JVM + CLI start-up, no store)
# Each run starts from an empty mailbox / a fresh copy of a data dir holding only the domain and
# the users. The server of "via server" is started per run and gets 3 untimed warm-up deliveries
# (to another user) before the timed loop; per-message processes get no warm-up (each is cold).
# Afterwards every run is verified: Dovecot: N files in Maildir/new + cur; Surel: `surel user
# list` shows the M messages and `surel check` passes.
#
# Dovecot configuration (written to the temp dir, one file per measure and run; nothing else is
# read, /etc/dovecot is not used):
#   base_dir = $T/dovecot/run
#   state_dir = $T/dovecot/state
#   log_path = $T/dovecot/lda.log
#   protocols =
#   ssl = no
#   first_valid_uid = 1
#   mail_location = maildir:$T/dovecot/<measure>-<run>/%u/Maildir
#   mail_fsync = always            (or optimized)
# Why no `-d user` and no userdb: with -d, dovecot-lda looks the user up through the auth
# service's socket (base_dir/auth-userdb), i.e. it needs a running dovecot master + auth, and
# this benchmark runs no daemon. As root, dovecot-lda refuses to run without -d ("destination
# user parameter (-d user) not given"). So, as root, the script runs dovecot-lda as the
# dedicated unprivileged system user `surelbench` (created if missing, no home, no shell) via
# `setpriv`, without -d: Dovecot then takes the user from getpwuid() and does no userdb lookup.
# The whole timed loop runs as that user, so setpriv is not inside the measured loop. Without
# root, dovecot-lda runs as the invoking user.
#
# Needs: dovecot-core (Debian 12: /usr/lib/dovecot/dovecot-lda), a JDK 25 (scripts/jdk.sh),
# setpriv (util-linux), awk. As root, missing dovecot-core is installed with apt-get.
set -euo pipefail
BL_NAME=bench-lda
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
cd "$BL_ROOT"

n=300 m=30 runs=3 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) n=$2; shift 2 ;;
    --jvm-messages) m=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) bl_help "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-lda: unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done
bl_posint --messages "$n"; bl_posint --jvm-messages "$m"; bl_posint --runs "$runs"

# --- prerequisites ---------------------------------------------------------------------------
lda=/usr/lib/dovecot/dovecot-lda
bl_require "$lda:dovecot-core" setpriv:util-linux
bl_jdk
java=("${BL_JAVA[@]}" -jar "$BL_JAR")

if [ "$(id -u)" -eq 0 ]; then
  bl_bench_user
  lda_user=$BENCH_USER
  as_lda_user=(setpriv --reuid="$lda_user" --regid="$lda_user" --clear-groups)
else
  lda_user=$(id -un)
  as_lda_user=()
fi

bl_tmpdir surel-bench-lda "$keep"
server_pid=""
bl_at_exit 'if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi'

# --- messages: N distinct messages of exactly 4096 octets (LF line ends, as an MTA hands them to an LDA)
mkdir -p "$T/msgs-jvm" "$T/msgs-startup"
bl_messages "$T/msgs" "$n" bench@example.test
all=("$T"/msgs/*)
for f in "${all[@]:0:$m}"; do ln "$f" "$T/msgs-jvm/"; done
for f in "${all[@]:0:10}"; do ln "$f" "$T/msgs-startup/"; done
chmod -R a+rX "$T/msgs" "$T/msgs-jvm" "$T/msgs-startup"
mjvm=$(find "$T/msgs-jvm" -type f | wc -l)
mstart=$(find "$T/msgs-startup" -type f | wc -l)

# The timed loop: prints the wall time in nanoseconds of delivering every message in $1 with
# the command that follows, one process per message; any failed delivery aborts the benchmark.
loop='d=$1; shift; s=$(date +%s%N)
for f in "$d"/*; do "$@" < "$f" > /dev/null || { echo "bench-lda: delivery of $f failed (exit $?)" >&2; exit 1; }; done
e=$(date +%s%N); echo $((e - s))'

# --- Dovecot ---------------------------------------------------------------------------------
mkdir -p "$T/dovecot/run" "$T/dovecot/state"
chown -R "$lda_user" "$T/dovecot"
dovecot_conf() { # $1 = fsync mode, $2 = mail root; prints the config path
  local c
  c="$T/dovecot/$(basename "$2").conf"
  cat > "$c" <<EOF
# written by scripts/bench-lda.sh; read by dovecot-lda -c only (no dovecot daemon runs)
base_dir = $T/dovecot/run
state_dir = $T/dovecot/state
log_path = $T/dovecot/lda.log
protocols =
ssl = no
first_valid_uid = 1
mail_location = maildir:$2/%u/Maildir
mail_fsync = $1
EOF
  chmod 644 "$c"; echo "$c"
}
# The run_* functions leave the measured nanoseconds in $ns; they run in the main shell (not in
# $(...)) so that a failure exits the script and the EXIT trap stops a running server.
run_dovecot() { # $1 = fsync mode, $2 = run number
  local mail="$T/dovecot/$1-$2" conf
  mkdir -p "$mail"; chown "$lda_user" "$mail"
  conf=$(dovecot_conf "$1" "$mail")
  ns=$(env HOME=/nonexistent "${as_lda_user[@]}" bash -c "$loop" _ "$T/msgs" "$lda" -c "$conf")
  local got
  got=$(find "$mail/$lda_user/Maildir/new" "$mail/$lda_user/Maildir/cur" -type f | wc -l)
  [ "$got" -eq "$n" ] || { echo "bench-lda: dovecot $1 run $2: $got messages in the Maildir, expected $n" >&2; exit 1; }
  rm -rf "$mail"
}

# --- Surel -----------------------------------------------------------------------------------
surel_conf() { # $1 = data dir; prints the config path (no [listen] section: no listeners)
  printf 'data_dir = "%s"\n' "$1" > "$1.toml"; echo "$1.toml"
}
tconf=$(surel_conf "$T/surel-template")
"${java[@]}" --config "$tconf" domain add example.test >/dev/null
printf 'bench-password-1\n' | "${java[@]}" --config "$tconf" user add bench@example.test >/dev/null
printf 'bench-password-2\n' | "${java[@]}" --config "$tconf" user add warm@example.test >/dev/null

verify_surel() { # $1 = config, $2 = label
  local list
  list=$("${java[@]}" --config "$1" user list)
  grep -Eq "^bench@example\.test +messages $mjvm/" <<<"$list" \
    || { echo "bench-lda: $2: expected $mjvm messages, got: $list" >&2; exit 1; }
  "${java[@]}" --config "$1" check >/dev/null || { echo "bench-lda: $2: surel check failed" >&2; exit 1; }
}
run_surel_server() { # $1 = run number
  local d="$T/surel-server-$1" conf i
  cp -a "$T/surel-template" "$d"; conf=$(surel_conf "$d")
  "${java[@]}" --config "$conf" serve > "$d.log" 2>&1 &
  server_pid=$!
  for i in $(seq 1 600); do
    if [ -S "$d/admin.sock" ] && "${java[@]}" --config "$conf" user list >/dev/null 2>&1; then break; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "bench-lda: surel serve exited; log: $d.log" >&2; cat "$d.log" >&2; exit 1; }
    sleep 0.1
  done
  for f in "${all[@]:0:3}"; do
    "${java[@]}" --config "$conf" deliver --to warm@example.test < "$f" >/dev/null
  done
  ns=$(bash -c "$loop" _ "$T/msgs-jvm" "${java[@]}" --config "$conf" deliver --to bench@example.test)
  verify_surel "$conf" "surel via server run $1"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  rm -rf "$d" "$d.toml" "$d.log"
}
run_surel_standalone() { # $1 = run number
  local d="$T/surel-standalone-$1" conf
  cp -a "$T/surel-template" "$d"; conf=$(surel_conf "$d")
  ns=$(bash -c "$loop" _ "$T/msgs-jvm" "${java[@]}" --config "$conf" deliver --to bench@example.test)
  verify_surel "$conf" "surel standalone run $1"
  rm -rf "$d" "$d.toml"
}

# --- the runs --------------------------------------------------------------------------------
echo "== Durable local delivery: Surel vs Dovecot LDA ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), $(free -h | awk '/^Mem:/ {print $2}') memory, kernel $(uname -r)"
echo "disk ($T): $(df -hT "$T" | awk 'NR==2 {print $1, $2, $3 " total,", $5, "free"}')"
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
echo "Dovecot: $(dovecot --version 2>/dev/null || echo '?') ($lda, as user $lda_user)"
echo "messages: 4096 octets each; Dovecot $n per run, Surel $mjvm per run; $runs runs each, interleaved"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A res; ns=0
labels=("dovecot-lda fsync=always" "dovecot-lda fsync=optimized" "surel deliver via server" "surel deliver standalone" "surel --version (start-up)")
for r in $(seq 1 "$runs"); do
  run_dovecot always "$r"; res[0]+=" $n:$ns"
  run_dovecot optimized "$r"; res[1]+=" $n:$ns"
  run_surel_server "$r"; res[2]+=" $mjvm:$ns"
  run_surel_standalone "$r"; res[3]+=" $mjvm:$ns"
  ns=$(bash -c "$loop" _ "$T/msgs-startup" "${java[@]}" --version); res[4]+=" $mstart:$ns"
  echo "run $r of $runs done (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# rates (messages/s) per run -> median, min, max; ratio = median / median of dovecot fsync=always
stats() { # $1 = " count:ns count:ns ..." -> "median min max ms_per_msg_median rate1,rate2,... (run order)"
  local rates
  rates=$(tr ' ' '\n' <<<"$1" | awk -F: 'NF == 2 { printf "%.6f\n", $1 / ($2 / 1e9) }')
  sort -g <<<"$rates" \
    | awk -v runs="$(awk '{ printf "%s%.1f", (NR > 1 ? "," : ""), $1 }' <<<"$rates")" \
        '{ v[NR] = $1 } END { med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
             printf "%.6f %.6f %.6f %.6f %s", med, v[1], v[NR], 1000 / med, runs }'
}
base=$(stats "${res[0]}" | cut -d' ' -f1)
printf '%-30s %5s %5s %11s %17s %11s %12s  %s\n' measure msgs runs "msgs/s med" "spread (min-max)" "ms/msg med" "ratio vs DC" "msgs/s per run"
for i in 0 1 2 3 4; do
  read -r med lo hi ms each <<<"$(stats "${res[$i]}")"
  cnt=${res[$i]%%:*}; cnt=${cnt# }
  printf '%-30s %5s %5s %11.1f %17s %11.1f %12s  %s\n' "${labels[$i]}" "$cnt" "$runs" "$med" \
    "$(printf '%.1f-%.1f' "$lo" "$hi")" "$ms" "$(awk -v a="$med" -v b="$base" 'BEGIN { printf "%.4f", a / b }')" "$each"
done
echo
echo "ratio vs DC = median messages/s of the row / median messages/s of dovecot-lda fsync=always."
echo "every run verified: Dovecot Maildir new+cur holds every message; Surel user list shows them and surel check passes."
