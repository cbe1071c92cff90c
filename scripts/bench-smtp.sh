#!/usr/bin/env bash
# SMTP intake to mailboxes, side by side: Surel against Debian's Postfix, in the same run.
#
#   scripts/bench-smtp.sh [--messages N] [--sessions S] [--size L] [--runs R] [--keep]
#   ./bench --smtp [same options]
#
#   --messages N   messages per run (default 20000)
#   --sessions S   parallel SMTP sessions of smtp-source (default 20)
#   --size L       message size in octets (default 4096)
#   --runs R       runs of each server (default 3), interleaved: Surel run 1, Postfix run 1, ...
#   --keep         keep the temporary directory (data dirs, configs, logs) and print its path
#
# Load: Postfix's smtp-source, one process per run:
#   smtp-source -s S -m N -l L -d -M bench.client -f sender@bench.invalid -t bench@bench.test HOST:PORT
# (-d: the S sessions each stay connected and send message after message). The clock starts
# just before smtp-source and stops when all N messages are in the recipient's mailbox:
#   Surel    sum(message_count) of INBOX in surel.db (read-only sqlite3 query, every 50 ms)
#   Postfix  files in the Maildir new/ of bench@bench.test (every 50 ms)
# Data dirs are removed at the end, not between runs (removing 20,000 files took minutes here
# under load and would only slow the next run). Each run starts from an empty server: a fresh copy of a Surel data dir holding only the domain
# and the users (`surel serve`, [listen] smtp = 127.0.0.191:2525 only), a fresh Postfix config
# and queue directory (smtpd on 127.0.0.192:2525, virtual(8) Maildir delivery, Debian's
# defaults otherwise: queue files and Maildir files are fsynced before 250 / before delivery
# counts). Each server gets an untimed warm-up of 500 messages to another user first.
#
# Needs: postfix (smtp-source; installed with apt-get when run as root and missing; no service is
# started), sqlite3, a JDK 25 (scripts/jdk.sh), awk.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

n=20000 sessions=20 size=4096 runs=3 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) n=$2; shift 2 ;;
    --sessions) sessions=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-smtp: unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done
for v in "$n" "$sessions" "$size" "$runs"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "bench-smtp: counts must be positive whole numbers" >&2; exit 64; }
done

# --- prerequisites ---------------------------------------------------------------------------
if ! command -v smtp-source >/dev/null || ! command -v sqlite3 >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bench-smtp: postfix and sqlite3 are needed; as root run:  apt-get update && apt-get install -y postfix sqlite3" >&2
    exit 1
  fi
  echo "bench-smtp: installing postfix and sqlite3 (no service is started)..." >&2
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix sqlite3 >&2
fi
. scripts/jdk.sh
surel_find_jdk || exit 1
./surel --version >/dev/null # builds the jar when sources changed; the runs call the jar directly
jar=$root/surel-server/target/surel.jar
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${SUREL_JAVA_OPTS:-} -jar "$jar")

SUREL_ADDR=127.0.0.191 POSTFIX_ADDR=127.0.0.192 PORT=2525
T=$(mktemp -d "${TMPDIR:-/tmp}/surel-bench-smtp.XXXXXX")
chmod 755 "$T"
server_pid="" postfix_dir=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$postfix_dir" ]; then postfix -c "$postfix_dir" stop >/dev/null 2>&1 || true; fi
  if [ "$keep" = 1 ]; then echo "bench-smtp: kept $T" >&2; else rm -rf "$T"; fi
}
trap cleanup EXIT

wait_port() { # $1 = host, $2 = port, $3 = label: waits for a 220 greeting
  local i
  for i in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/$1/$2" && IFS= read -r -t 5 line <&3 && [[ $line == 220* ]] && printf 'QUIT\r\n' >&3) 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "bench-smtp: $3 is not listening on $1:$2" >&2; exit 1
}
# Prints the nanoseconds from the start of smtp-source until "$count_cmd" reports $2 messages.
timed() { # $1 = host:port, $2 = expected count, $3 = recipient, then: the count command
  local target=$1 want=$2 rcpt=$3; shift 3
  local s e got src_pid
  s=$(date +%s%N)
  smtp-source -s "$sessions" -m "$want" -l "$size" -d -M bench.client -f sender@bench.invalid -t "$rcpt" "$target" &
  src_pid=$!
  while :; do
    got=$("$@")
    [ "${got:-0}" -ge "$want" ] && break
    if [ -n "$src_pid" ] && ! kill -0 "$src_pid" 2>/dev/null; then
      wait "$src_pid" || { echo "bench-smtp: smtp-source to $target failed" >&2; exit 1; }
      src_pid=""
    fi
    sleep 0.05
  done
  e=$(date +%s%N)
  [ -z "$src_pid" ] || wait "$src_pid" || { echo "bench-smtp: smtp-source to $target failed" >&2; exit 1; }
  echo $((e - s))
}

# --- Surel -----------------------------------------------------------------------------------
surel_conf() { # $1 = data dir; prints the config path
  printf 'hostname = "surel.bench.test"\ndata_dir = "%s"\n[listen]\nsmtp = "%s:%s"\n' "$1" "$SUREL_ADDR" "$PORT" > "$1.toml"
  echo "$1.toml"
}
tconf=$(surel_conf "$T/surel-template")
"${java[@]}" --config "$tconf" domain add bench.test >/dev/null
printf 'bench-password-1\n' | "${java[@]}" --config "$tconf" user add bench@bench.test >/dev/null
printf 'bench-password-2\n' | "${java[@]}" --config "$tconf" user add warm@bench.test >/dev/null
surel_count() { # $1 = data dir, $2 = local part (domain bench.test)
  sqlite3 -readonly "$1/surel.db" "SELECT coalesce(sum(m.message_count), 0) FROM mailboxes m JOIN accounts a ON a.id = m.account_id WHERE m.name = 'INBOX' AND a.local_part = '$2';" 2>/dev/null || echo 0
}
run_surel() { # $1 = run number; sets ns
  local d="$T/surel-$1" conf
  cp -a "$T/surel-template" "$d"; conf=$(surel_conf "$d")
  "${java[@]}" --config "$conf" serve > "$d.log" 2>&1 &
  server_pid=$!
  wait_port "$SUREL_ADDR" "$PORT" "surel (log: $d.log)"
  timed "$SUREL_ADDR:$PORT" 500 warm@bench.test surel_count "$d" warm >/dev/null
  ns=$(timed "$SUREL_ADDR:$PORT" "$n" bench@bench.test surel_count "$d" bench)
  "${java[@]}" --config "$conf" check >/dev/null || { echo "bench-smtp: surel check failed after run $1" >&2; exit 1; }
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# --- Postfix ---------------------------------------------------------------------------------
run_postfix() { # $1 = run number; sets ns
  local d="$T/postfix-$1"
  mkdir -p "$d/spool" "$d/data" "$d/mail"
  chown postfix "$d/data"; chown 65534:65534 "$d/mail"
  printf 'bench@bench.test bench/\nwarm@bench.test warm/\n' > "$d/vmailbox"
  cat > "$d/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $d/spool
data_directory = $d/data
meta_directory = /etc/postfix
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = postfix.bench.test
mydestination =
mynetworks = 127.0.0.0/8
maillog_file = $d/maillog
maillog_file_prefixes = $d
virtual_mailbox_domains = bench.test
virtual_mailbox_base = $d/mail
virtual_mailbox_maps = texthash:$d/vmailbox
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
smtp_dns_support_level = disabled
alias_maps =
alias_database =
CF
  sed -E "s/^smtp( +)inet .*/$POSTFIX_ADDR:$PORT inet n - n - - smtpd/" /etc/postfix/master.cf > "$d/master.cf"
  postfix_dir=$d
  postfix -c "$d" start >/dev/null 2>&1 || { echo "bench-smtp: postfix did not start; log: $d/maillog" >&2; exit 1; }
  wait_port "$POSTFIX_ADDR" "$PORT" "postfix (log: $d/maillog)"
  pf_count() { local c; c=$(find "$1" -type f 2>/dev/null | wc -l) || true; echo "${c:-0}"; } # new/ appears with the first message
  timed "$POSTFIX_ADDR:$PORT" 500 warm@bench.test pf_count "$d/mail/warm/new" >/dev/null
  ns=$(timed "$POSTFIX_ADDR:$PORT" "$n" bench@bench.test pf_count "$d/mail/bench/new")
  postfix -c "$d" stop >/dev/null 2>&1 || true; postfix_dir=""
  sleep 1
}

res_s="" res_p=""
for r in $(seq 1 "$runs"); do
  run_surel "$r"; res_s+=" $n:$ns"; echo "bench-smtp: run $r surel   $(awk -v c="$n" -v t="$ns" 'BEGIN { printf "%.1f msgs/s", c / (t / 1e9) }')" >&2
  run_postfix "$r"; res_p+=" $n:$ns"; echo "bench-smtp: run $r postfix $(awk -v c="$n" -v t="$ns" 'BEGIN { printf "%.1f msgs/s", c / (t / 1e9) }')" >&2
done

stats() { # " count:ns ..." -> "median min max seconds_median rate1,rate2,..."
  local rates
  rates=$(tr ' ' '\n' <<<"$1" | awk -F: 'NF == 2 { printf "%.6f\n", $1 / ($2 / 1e9) }')
  sort -g <<<"$rates" \
    | awk -v c="$n" -v runs="$(awk '{ printf "%s%.1f", (NR > 1 ? "," : ""), $1 }' <<<"$rates")" \
        '{ v[NR] = $1 } END { med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
             printf "%.6f %.6f %.6f %.2f %s", med, v[1], v[NR], c / med, runs }'
}
base=$(stats "$res_p" | cut -d' ' -f1)
echo "smtp-source -s $sessions -m $n -l $size -d; time until all $n are in the mailbox; $runs runs each"
printf '%-34s %11s %17s %9s %14s  %s\n' server "msgs/s med" "spread (min-max)" "s med" "ratio vs PF" "msgs/s per run"
for label in "surel (SMTP 25 -> queue -> INBOX)" "postfix (smtpd -> virtual Maildir)"; do
  if [[ $label == surel* ]]; then data=$res_s; else data=$res_p; fi
  read -r med lo hi secs each <<<"$(stats "$data")"
  printf '%-34s %11.1f %17s %9s %14s  %s\n' "$label" "$med" "$(printf '%.1f-%.1f' "$lo" "$hi")" "$secs" \
    "$(awk -v a="$med" -v b="$base" 'BEGIN { printf "%.2f", a / b }')" "$each"
done
