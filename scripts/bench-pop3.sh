#!/usr/bin/env bash
# POP3 download, side by side: Surel's POP3 against Dovecot's (Debian dovecot-pop3d) on the same
# messages in the same run.
#
#   scripts/bench-pop3.sh [--messages N] [--runs R] [--keep]
#   ./bench --pop3 [same options]
#
#   --messages N   messages in the maildrop (default 10000), 4096 octets each (LF line ends)
#   --runs R       timed sessions per server (default 3), interleaved (Dovecot 1, Surel 1, ...)
#   --keep         keep the temporary directory and print its path
#
# Measure: one POP3 session (scripts/pop3-bench-client.py, the same client for both servers):
# LIST, UIDL, RETR of every message (pipelined, 100 commands per window; both servers offer
# PIPELINING), QUIT; wall time from LIST to the +OK of QUIT (login excluded). No DELE, so each
# run sees the same maildrop; QUIT commits the \Seen flags RETR set (both servers do that).
# The client checks every reply (N listed, N unique ids, each RETR body as long as LIST said).
# Before the timed runs each server gets one untimed session of the same kind (Dovecot builds
# its index and UID list, Surel's JVM warms up).
#
# Setup (all in a temp dir; nothing in /etc is read or changed):
#   Surel:   surel.jar serve with only listen.pop3 on 127.0.0.1; the messages are appended to
#            bench@example.test's INBOX by scripts/Pop3BenchLoad.java (store appends, as
#            `surel deliver` does) before the server starts.
#   Dovecot: `dovecot -F -c $T/dovecot/dovecot.conf`: protocols = pop3 on 127.0.0.1, no TLS,
#            passwd-file passdb, static userdb (system user surelbench, created if missing),
#            mail_location = maildir:~/Maildir with the same message files put in new/.
#
# Needs: dovecot-pop3d (Debian 12), a JDK 25 (scripts/jdk.sh), python3, awk, setpriv. As root,
# a missing dovecot-pop3d is installed with apt-get. Must run as root (Dovecot's master).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

n=10000 runs=3 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) n=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-pop3: unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done
for v in "$n" "$runs"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "bench-pop3: counts must be positive whole numbers" >&2; exit 64; }
done

# --- prerequisites ---------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
  echo "bench-pop3: run as root (Dovecot's master process starts as root)" >&2
  exit 1
fi
if [ ! -x /usr/lib/dovecot/pop3 ] || ! command -v dovecot >/dev/null; then
  echo "bench-pop3: installing dovecot-pop3d (the script starts its own dovecot, not the system service)..." >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-pop3d >&2
fi
command -v python3 >/dev/null || { echo "bench-pop3: python3 is missing: apt-get install -y python3" >&2; exit 1; }
. scripts/jdk.sh
surel_find_jdk || exit 1
./surel --version >/dev/null
jar=$root/surel-server/target/surel.jar
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${SUREL_JAVA_OPTS:-})
bench_user=surelbench
id "$bench_user" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$bench_user"

T=$(mktemp -d "${TMPDIR:-/tmp}/surel-bench-pop3.XXXXXX")
chmod 755 "$T"
server_pid="" dovecot_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$dovecot_pid" ]; then kill "$dovecot_pid" 2>/dev/null || true; wait "$dovecot_pid" 2>/dev/null || true; fi
  if [ "$keep" = 1 ]; then echo "bench-pop3: kept $T" >&2; else rm -rf "$T"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { # $1 = port, $2 = pid, $3 = log
  for _ in $(seq 1 600); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),1).close()" 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || { echo "bench-pop3: server exited; log:" >&2; cat "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench-pop3: port $1 did not open" >&2; exit 1
}

# --- messages: N distinct messages of exactly 4096 octets ---------------------------------------
mkdir -p "$T/msgs"
awk -v n="$n" -v dir="$T/msgs" 'BEGIN {
  srand(20261123); a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  for (i = 1; i <= n; i++) {
    f = sprintf("%s/%06d.eml", dir, i)
    h = sprintf("Return-Path: <sender@bench.invalid>\nFrom: Bench Sender <sender@bench.invalid>\n" \
      "To: bench@example.test\nSubject: bench message %d\nDate: Mon, 23 Nov 2026 04:00:00 +0000\n" \
      "Message-ID: <bench-%d@bench.invalid>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n", i, i)
    printf "%s", h > f; size = length(h)
    while (size < 4096) {
      len = 4096 - size; if (len > 77) len = 77
      line = ""; for (k = 1; k < len; k++) line = line substr(a, int(rand() * 64) + 1, 1)
      if (k > 1 && rand() < 0.02) line = "." substr(line, 2)
      printf "%s\n", line > f; size += len
    }
    close(f)
  }
}'

# --- Surel -------------------------------------------------------------------------------------
sport=$(free_port)
sconf="$T/surel.toml"
printf 'data_dir = "%s"\nhostname = "bench.example.test"\n[listen]\npop3 = "127.0.0.1:%s"\n' "$T/surel" "$sport" > "$sconf"
"${java[@]}" -jar "$jar" --config "$sconf" domain add example.test >/dev/null
printf 'bench-password-1\n' | "${java[@]}" -jar "$jar" --config "$sconf" user add bench@example.test >/dev/null
"${java[@]}" -cp "$jar" scripts/Pop3BenchLoad.java "$sconf" bench@example.test "$T/msgs" >&2
"${java[@]}" -jar "$jar" --config "$sconf" serve > "$T/surel.log" 2>&1 &
server_pid=$!
wait_port "$sport" "$server_pid" "$T/surel.log"

# --- Dovecot -----------------------------------------------------------------------------------
dport=$(free_port)
mkdir -p "$T/dovecot/run" "$T/dovecot/state" "$T/dovecot/home/bench/Maildir/"{new,cur,tmp}
cp "$T"/msgs/*.eml "$T/dovecot/home/bench/Maildir/new/"
( cd "$T/dovecot/home/bench/Maildir/new" && i=0 && for f in *.eml; do i=$((i + 1)); mv "$f" "1763870400.M${i}P1.bench"; done )
echo "bench@example.test:{PLAIN}bench-password-1::::::" > "$T/dovecot/passwd"
chown -R "$bench_user" "$T/dovecot/home"
cat > "$T/dovecot/dovecot.conf" <<EOF2
# written by scripts/bench-pop3.sh
base_dir = $T/dovecot/run
state_dir = $T/dovecot/state
log_path = $T/dovecot/dovecot.log
protocols = pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = $T/dovecot/passwd
}
userdb {
  driver = static
  args = uid=$bench_user gid=$(id -gn "$bench_user") home=$T/dovecot/home/bench
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $dport
  }
}
EOF2
dovecot -F -c "$T/dovecot/dovecot.conf" > "$T/dovecot/stdout.log" 2>&1 &
dovecot_pid=$!
wait_port "$dport" "$dovecot_pid" "$T/dovecot/dovecot.log"

# --- runs --------------------------------------------------------------------------------------
client=(python3 scripts/pop3-bench-client.py 127.0.0.1)
echo "== POP3 download, LIST+UIDL+RETR of $n messages: Surel vs Dovecot ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), $(free -h | awk '/^Mem:/ {print $2}') memory"
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p); Dovecot: $(dovecot --version)"
echo "warm-up: one untimed session each" >&2
"${client[@]}" "$dport" bench@example.test bench-password-1 >/dev/null
"${client[@]}" "$sport" bench@example.test bench-password-1 >/dev/null
dres="" sres="" dlu="" slu="" dlog="" slog=""
for r in $(seq 1 "$runs"); do
  read -r ns cnt lu lg < <("${client[@]}" "$dport" bench@example.test bench-password-1)
  [ "$cnt" -eq "$n" ] || { echo "bench-pop3: dovecot listed $cnt messages, expected $n" >&2; exit 1; }
  dres+=" $ns"; dlu+=" $lu"; dlog+=" $lg"
  read -r ns cnt lu lg < <("${client[@]}" "$sport" bench@example.test bench-password-1)
  [ "$cnt" -eq "$n" ] || { echo "bench-pop3: surel listed $cnt messages, expected $n" >&2; exit 1; }
  sres+=" $ns"; slu+=" $lu"; slog+=" $lg"
  echo "run $r of $runs done (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
stats() { tr ' ' '\n' <<<"$1" | awk 'NF' | sort -n | awk '{ v[NR] = $1 / 1e6 } END {
  med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f %.1f", med, v[1], v[NR] }'; }
read -r dmed dlo dhi <<<"$(stats "$dres")"
read -r smed slo shi <<<"$(stats "$sres")"
printf '%-22s %10s %16s %14s  %s\n' server "ms median" "spread (min-max)" "messages/s" "ms per run (run order)"
printf '%-22s %10s %16s %14.0f  %s\n' "dovecot pop3" "$dmed" "$dlo-$dhi" "$(awk -v m="$dmed" -v n="$n" 'BEGIN{print n / (m / 1000)}')" "$(awk '{for(i=1;i<=NF;i++) printf "%s%.0f", (i>1?",":""), $i/1e6}' <<<"$dres")"
printf '%-22s %10s %16s %14.0f  %s\n' "surel pop3" "$smed" "$slo-$shi" "$(awk -v m="$smed" -v n="$n" 'BEGIN{print n / (m / 1000)}')" "$(awk '{for(i=1;i<=NF;i++) printf "%s%.0f", (i>1?",":""), $i/1e6}' <<<"$sres")"
echo "ratio (dovecot median / surel median): $(awk -v d="$dmed" -v s="$smed" 'BEGIN { printf "%.2f", d / s }')x  (goal >= 1.5x)"
echo
echo "parts of the same sessions (median, min-max, ms):"
for part in "login (PASS, lock + maildrop snapshot):dlog:slog" "LIST + UIDL of $n messages:dlu:slu"; do
  IFS=: read -r what dv sv <<<"$part"
  read -r a b c <<<"$(stats "${!dv}")"; read -r x y z <<<"$(stats "${!sv}")"
  printf '  %-44s dovecot %s (%s-%s)   surel %s (%s-%s)\n' "$what" "$a" "$b" "$c" "$x" "$y" "$z"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
