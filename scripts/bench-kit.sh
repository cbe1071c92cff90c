#!/usr/bin/env bash
# Benchmark kit (issue 8): Surel beside Dovecot and Postfix, same machine, same run.
#
#   ./bench --kit [--smoke] [--only smtp,imap,pop3] [--runs R] [--keep] [--profile] [--xmx SIZE]
#
#   --smoke     the same kit at a tiny size, one timed run (CI's smoke test; a few minutes)
#   --only L    comma-separated subset of: smtp, imap (fetch, mixed, login, search, idle), fetch,
#               mixed, login, search, idle, pop3
#   --runs R    timed runs per workload and server (default 3; --smoke: 1), after one discarded
#               warm-up run; the runs alternate Surel, other, Surel, other, ...
#   --keep      keep the temp dir (configs, data, logs, JFR files) and print its path
#   --profile   record Surel with JFR (profile settings) during each workload and print its hot
#               methods (`jfr view hot-methods`); the recordings stay in the temp dir
#   --xmx SIZE  Surel's maximum heap (default 2g)
#
# Workloads (full size; --smoke in brackets):
#   smtp    20,000 [200] messages of 4 KiB from 20 [4] sessions of Postfix's smtp-source (-d),
#           time until all are in the mailbox: Surel (SMTP -> queue -> INBOX) vs Postfix
#           (smtpd -> queue -> LMTP -> Dovecot Maildir); warm-up run: a tenth of the messages
#   fetch   IMAP SELECT + FETCH 1:* (ENVELOPE FLAGS) of a 10,000 [100]-message mailbox
#   mixed   IMAP mixed load: 50 [3] clients for 60 [5] s (ops/s, p50/p99)
#   login   IMAP login-heavy load: 10 [3] clients for 60 [5] s, each looping short sessions (LOGIN,
#           SELECT, FETCH, STORE, EXPUNGE, APPEND, LOGOUT) on its own mailbox of 300 [30]
#           multipart messages (make-mail --kind multipart: 2 KB - 300 KB, QP, base64, RFC 2047)
#   search  IMAP SEARCH TEXT of a rare, a medium and a common word in a 100,000 [500]-message
#           mailbox (make-mail --kind text), 21 [6] timed searches after one untimed per word;
#           a server that takes more than 120 s for them stops early (at least one per word)
#   idle    10,000 [50] IMAP connections in IDLE (one user each, sources 127.0.0.2-127.0.0.60):
#           memory (summed PSS of every Dovecot process vs the JVM's RSS at the stated -Xmx), in all
#           and per connection above the server's own before the connections
#           and delivery-to-EXISTS p50/p99 of 200 [10] deliveries (Surel by SMTP, Dovecot by LMTP)
#   pop3    POP3 LIST + UIDL + RETR of a 10,000 [100]-message maildrop
# Each measure prints one line:
#   <measure>  surel=<x> <dovecot|postfix>=<y> ratio=<r>  (runs: ...)
# with medians of the timed runs; ratio > 1 means Surel is better (surel/other for rates,
# other/surel for times and memory).
#
# Setup: everything lives in one temp dir. Dovecot (imap, pop3, lmtp) and Postfix run from the
# kit's own files in surel-bench/kit/ on 127.0.0.192, Surel on 127.0.0.191; the same users
# (one password) and the same message files go into both: Surel by scripts/BenchLoad.java (store
# appends, as `surel deliver` makes them, before the server starts), Dovecot by hard-linking the
# files into each Maildir's cur/ (named as Dovecot names its own files). Load generators run as
# separate processes: smtp-source, and the project's Java load generator
# (dev.surel.bench.load.Load in surel-bench/target/benchmarks.jar) for IMAP and POP3.
# Needs root (Dovecot's master), Debian 12: installs dovecot-imapd, dovecot-pop3d,
# dovecot-lmtpd, postfix and sqlite3 with apt-get when missing.
# The whole script is one { ... } block: bash parses it all before running, so editing the file
# during a run (a long one) cannot change what the run executes.
{
set -euo pipefail
BL_NAME=bench-kit
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
trap 'echo "bench-kit: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
cd "$BL_ROOT"

smoke=0 only="smtp,imap,pop3" runs="" keep=0 profile=0 xmx=2g
declare -A size=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; shift ;;
    --only) only=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --profile) profile=1; shift ;;
    --xmx) xmx=$2; shift 2 ;;
    --smtp-messages) size[SMTP_N]=$2; shift 2 ;;
    --smtp-sessions) size[SMTP_SESSIONS]=$2; shift 2 ;;
    --mailbox-messages) size[FETCH_N]=$2; size[POP_N]=$2; shift 2 ;;
    --clients) size[MIX_CLIENTS]=$2; shift 2 ;;
    --login-clients) size[LOGIN_CLIENTS]=$2; shift 2 ;;
    --login-messages) size[LOGIN_MSGS]=$2; shift 2 ;;
    --search-messages) size[SEARCH_N]=$2; shift 2 ;;
    --searches) size[SEARCHES]=$2; shift 2 ;;
    --seconds) size[MIX_SECONDS]=$2; shift 2 ;;
    --idle-connections) size[IDLE_N]=$2; shift 2 ;;
    --deliveries) size[IDLE_DELIVERIES]=$2; shift 2 ;;
    -h|--help) bl_help "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-kit: unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done
if [ "$smoke" = 1 ]; then
  SMTP_N=200 SMTP_SESSIONS=4 FETCH_N=100 MIX_CLIENTS=3 MIX_SECONDS=5 MIX_MSGS=20
  IDLE_N=50 IDLE_DELIVERIES=10 POP_N=100
  LOGIN_CLIENTS=3 LOGIN_SECONDS=5 LOGIN_MSGS=30 SEARCH_N=500 SEARCHES=6 SEARCH_BUDGET=60
  : "${runs:=1}"
else
  SMTP_N=20000 SMTP_SESSIONS=20 FETCH_N=10000 MIX_CLIENTS=50 MIX_SECONDS=60 MIX_MSGS=200
  IDLE_N=10000 IDLE_DELIVERIES=200 POP_N=10000
  LOGIN_CLIENTS=10 LOGIN_SECONDS=60 LOGIN_MSGS=300 SEARCH_N=100000 SEARCHES=21 SEARCH_BUDGET=120
  : "${runs:=3}"
fi
for k in "${!size[@]}"; do bl_posint "the size $k" "${size[$k]}"; printf -v "$k" '%s' "${size[$k]}"; done
bl_posint --runs "$runs"
[[ "$xmx" =~ ^[1-9][0-9]*[kKmMgG]?$ ]] || { echo "bench-kit: --xmx wants a heap size such as 2g" >&2; exit 64; }
want=()
for w in ${only//,/ }; do
  case "$w" in
    smtp|fetch|mixed|login|search|idle|pop3) want+=("$w") ;;
    imap) want+=(fetch mixed login search idle) ;;
    *) echo "bench-kit: --only knows smtp, imap, fetch, mixed, login, search, idle, pop3; not '$w'" >&2; exit 64 ;;
  esac
done
wants() { [[ " ${want[*]} " == *" $1 "* ]]; }

# --- prerequisites -------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || bl_die "run as root (Dovecot's master starts as root; packages are installed with apt-get)"
bl_require dovecot:dovecot-core /usr/lib/dovecot/imap:dovecot-imapd /usr/lib/dovecot/pop3:dovecot-pop3d \
  /usr/lib/dovecot/lmtp:dovecot-lmtpd smtp-source:postfix postfix:postfix sqlite3:sqlite3
bl_jdk
bl_loadgen_jar
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if wants idle && [ "$(ulimit -n)" -lt $((IDLE_N + 2000)) ]; then
  bl_log "warning: open files limit $(ulimit -n) is low for $IDLE_N IDLE connections"
fi

SUREL_ADDR=127.0.0.191 SUREL_SMTP_PORT=12525 SUREL_IMAP_PORT=12143 SUREL_POP3_PORT=12110
DOVECOT_ADDR=127.0.0.192 DOVECOT_IMAP_PORT=12143 DOVECOT_POP3_PORT=12110 DOVECOT_LMTP_PORT=12024
POSTFIX_ADDR=127.0.0.192 POSTFIX_SMTP_PORT=12525
# shellcheck disable=SC2034 # these name the tokens of surel-bench/kit/*/* (bl_render)
SUREL_MAX_CONNECTIONS=$((IDLE_N + 1000)) DOVECOT_CLIENTS=$((IDLE_N + 1000)) SUREL_XMX=$xmx
# The IDLE load generator waits IDLE_PAUSE s after all connections idle before it delivers; the
# kit samples memory IDLE_SAMPLE s after that point, in the steady state of both servers: Dovecot
# hibernates a connection after 5 s in IDLE; Surel's JVM collects once 30 s pass without a
# collection (G1PeriodicGCInterval in dist/jvm.env) and gives the unused heap back.
# (--smoke: 12 and 8 s, as before; a delivery in the second Dovecot hibernates a connection can go
# unnoticed, so not less.)
if [ "$smoke" = 1 ]; then IDLE_PAUSE=12 IDLE_SAMPLE=8; else IDLE_PAUSE=45 IDLE_SAMPLE=38; fi
DOMAIN=bench.test PASSWORD=bench-password-1 SOURCES=127.0.0.2-127.0.0.60
# Users: user1..userU (the mixed and IDLE workloads), fetch@, pop@, smtp0 (warm-up) .. smtpR.
USERS=0
wants mixed && USERS=$MIX_CLIENTS
wants idle && [ "$IDLE_N" -gt "$USERS" ] && USERS=$IDLE_N
bl_tmpdir surel-bench-kit "$keep"
# Dovecot's IDLE (and LMTP) watch each mailbox with inotify; every imap process takes an
# inotify instance of the one mail user, and Linux allows 128 per user by default: beyond that
# Dovecot falls back to checking every 30 s. Raised for the run (machine-wide), restored at exit.
for k in max_user_instances max_user_watches; do
  f=/proc/sys/fs/inotify/$k old=$(cat "$f")
  new=$((IDLE_N * 4 + 8192)); [ "$k" = max_user_watches ] && new=$((IDLE_N * 16 + 262144))
  if [ "$old" -lt "$new" ]; then
    if (echo "$new" > "$f") 2>/dev/null; then bl_at_exit "echo $old > $f"
    else bl_log "warning: cannot raise $f to $new: Dovecot's IDLE may fall back to checking every 30 s"; fi
  fi
done
mkdir -p "$T/results" "$T/jfr"

echo "== Surel benchmark kit$([ "$smoke" = 1 ] && echo ' (smoke size)'): $(date -u '+%Y-%m-%d %H:%M UTC')"
bl_machine
echo "Surel: java \$SUREL_JVM_DEFAULTS (dist/jvm.env: $SUREL_JVM_DEFAULTS) -Xmx$SUREL_XMX -jar surel.jar serve; $runs timed run(s) per measure after 1 warm-up"

# --- users and messages --------------------------------------------------------------------------
t0=$(date +%s)
wants fetch || FETCH_N=0
wants pop3 || POP_N=0
wants mixed || MIX_MSGS=0
MAX_MSGS=$((FETCH_N > POP_N ? FETCH_N : POP_N)); MAX_MSGS=$((MIX_MSGS > MAX_MSGS ? MIX_MSGS : MAX_MSGS))
bl_messages "$T/msgs" "$MAX_MSGS" "user@$DOMAIN"
mkdir -p "$T/msgs-fetch" "$T/msgs-pop" "$T/msgs-mix"
all=("$T"/msgs/*)
[ "$FETCH_N" = 0 ] || printf '%s\0' "${all[@]:0:$FETCH_N}" | xargs -0 ln -t "$T/msgs-fetch"
[ "$POP_N" = 0 ] || printf '%s\0' "${all[@]:0:$POP_N}" | xargs -0 ln -t "$T/msgs-pop"
[ "$MIX_MSGS" = 0 ] || printf '%s\0' "${all[@]:0:$MIX_MSGS}" | xargs -0 ln -t "$T/msgs-mix"
# The login-heavy and search mailboxes: realistic multipart mail, and a large text mailbox with
# marker words of known counts (dev.surel.bench.load.MakeMail; deterministic, Dovecot file names).
MAKE_MAIL=("$JAVA_HOME/bin/java" -cp "$BL_BENCH_JAR" dev.surel.bench.load.Load make-mail)
wants login || LOGIN_MSGS=0
wants search || SEARCH_N=0
[ "$LOGIN_MSGS" = 0 ] || "${MAKE_MAIL[@]}" --kind multipart --count "$LOGIN_MSGS" --dir "$T/msgs-login" --to "user@$DOMAIN"
[ "$SEARCH_N" = 0 ] || "${MAKE_MAIL[@]}" --kind text --count "$SEARCH_N" --dir "$T/msgs-search" --to "search@$DOMAIN" --words "$T/search-words"
chmod -R a+rX "$T/msgs"*
{
  for i in $(seq 1 "$USERS"); do echo "user$i@$DOMAIN"; done
  echo "fetch@$DOMAIN"; echo "pop@$DOMAIN"; echo "search@$DOMAIN"
  for i in $(seq 1 "$LOGIN_CLIENTS"); do echo "login$i@$DOMAIN"; done
  for i in $(seq 0 "$runs"); do echo "smtp$i@$DOMAIN"; done
} > "$T/users"
# Dovecot: a passwd-file; Maildirs with the messages hard-linked into cur/ (no flags).
mkdir -p "$T/dovecot/home/$DOMAIN" "$T/postfix"
sed "s/\$/:{PLAIN}$PASSWORD::::::/" "$T/users" > "$T/dovecot/passwd"
sed 's/$/ x/' "$T/users" > "$T/postfix/vmailbox"
dovecot_fill() { # local part, message dir
  local m="$T/dovecot/home/$DOMAIN/$1/Maildir"
  mkdir -p "$m/cur" "$m/new" "$m/tmp"
  find "$2" -type f -print0 | xargs -0 -r ln -t "$m/cur"
}
dovecot_fill fetch "$T/msgs-fetch"
dovecot_fill pop "$T/msgs-pop"
search_args=() login_args=()
[ "$SEARCH_N" = 0 ] || { dovecot_fill search "$T/msgs-search"; search_args=("search@$DOMAIN=$T/msgs-search"); }
if [ "$LOGIN_MSGS" -gt 0 ]; then
  for i in $(seq 1 "$LOGIN_CLIENTS"); do dovecot_fill "login$i" "$T/msgs-login"; login_args+=("login$i@$DOMAIN=$T/msgs-login"); done
fi
mix_args=()
if [ "$MIX_MSGS" -gt 0 ]; then
  for i in $(seq 1 "$MIX_CLIENTS"); do dovecot_fill "user$i" "$T/msgs-mix"; mix_args+=("user$i@$DOMAIN=$T/msgs-mix"); done
fi
bl_bench_user
chown -R "$BENCH_USER:$BENCH_GROUP" "$T/dovecot/home"
# Surel: the same users and files, before the server starts.
bl_surel_config
user_range=()
[ "$USERS" = 0 ] || user_range=("user%d@$DOMAIN:1:$USERS")
"${BL_JAVA[@]}" -cp "$BL_JAR" scripts/BenchLoad.java "$SUREL_CONF" "$DOMAIN" "$PASSWORD" "${user_range[@]}" \
  "smtp%d@$DOMAIN:0:$runs" "fetch@$DOMAIN=$T/msgs-fetch" "pop@$DOMAIN=$T/msgs-pop" "${mix_args[@]}" "${login_args[@]}" "${search_args[@]}" \
  > "$T/surel/load.log" \
  || { cat "$T/surel/load.log" >&2; bl_die "loading Surel failed"; }
echo "loaded into both: $(wc -l < "$T/users") users; messages of 4096 octets: fetch@ $FETCH_N, pop@ $POP_N, user1..user$MIX_CLIENTS $MIX_MSGS each;" \
  "multipart: login1..login$LOGIN_CLIENTS $LOGIN_MSGS each; text: search@ $SEARCH_N; $(($(date +%s) - t0)) s"

# Surel builds (or catches up) its full-text index of the loaded mail in the background after each
# start; the workloads wait for its "caught up" log line, so that no timed run shares the CPU with it.
surel_start_indexed() {
  local before t0=$SECONDS
  before=$(grep -c 'full-text index caught up' "$T/surel/surel.log" 2>/dev/null || true)
  bl_surel_start
  until [ "$(grep -c 'full-text index caught up' "$T/surel/surel.log" 2>/dev/null || true)" -gt "${before:-0}" ]; do
    [ $((SECONDS - t0)) -lt 3600 ] || bl_die "Surel's full-text index did not catch up within an hour (see $T/surel/surel.log)"
    sleep 1
  done
  echo "surel: full-text index caught up $((SECONDS - t0)) s after start ($(grep 'full-text index caught up' "$T/surel/surel.log" | tail -1 | grep -o '[0-9]* messages indexed in [0-9]* ms'))"
  surel_quiet
}
# Lucene goes on merging the segments of a large build in its own threads after the index caught
# up (the fetch workload once ran during that, both servers slower): wait until Surel's process
# uses less than a tenth of a core over 2 s (at most 10 min).
surel_quiet() {
  local t0=$SECONDS a b hz; hz=$(getconf CLK_TCK)
  while [ $((SECONDS - t0)) -lt 600 ]; do
    a=$(awk '{ print $14 + $15 }' /proc/"$SUREL_PID"/stat); sleep 2; b=$(awk '{ print $14 + $15 }' /proc/"$SUREL_PID"/stat)
    [ $((b - a)) -lt $((hz / 5)) ] && { echo "surel: quiet $((SECONDS - t0)) s after the index caught up"; return 0; }
  done
  bl_log "warning: Surel still busy 10 min after its index caught up; going on"
}

# --- servers -------------------------------------------------------------------------------------
surel_start_indexed
bl_dovecot_start
wants smtp && bl_postfix_start
echo "servers: surel $SUREL_ADDR (smtp $SUREL_SMTP_PORT, imap $SUREL_IMAP_PORT, pop3 $SUREL_POP3_PORT);" \
  "dovecot $DOVECOT_ADDR (imap $DOVECOT_IMAP_PORT, pop3 $DOVECOT_POP3_PORT, lmtp $DOVECOT_LMTP_PORT)" \
  "$(wants smtp && echo "; postfix $POSTFIX_ADDR:$POSTFIX_SMTP_PORT -> lmtp")"

# --- results -------------------------------------------------------------------------------------
# One file per measure and server under $T/results: <measure>.<server> holds one value per run;
# <measure>.unit the unit; the order of first appearance is kept in $T/results/order.
record() { # measure server value unit
  local f="$T/results/$1"
  [ -f "$f.unit" ] || { echo "$4" > "$f.unit"; echo "$1" >> "$T/results/order"; }
  echo "$3" >> "$f.$2"
}
other_of() { case "$1" in smtp_*) echo postfix ;; *) echo dovecot ;; esac; }
print_line() { # measure
  local m=$1 f="$T/results/$1" unit other s o smed slo shi omed olo ohi ratio
  unit=$(<"$f.unit"); other=$(other_of "$m")
  if [ ! -f "$f.surel" ] || [ ! -f "$f.$other" ]; then
    echo "$m  (incomplete: $(cd "$T/results" && echo "$m".*))"; return 0
  fi
  mapfile -t s < "$f.surel"; mapfile -t o < "$f.$other"
  read -r smed slo shi <<<"$(bl_stats "${s[@]}")"
  read -r omed olo ohi <<<"$(bl_stats "${o[@]}")"
  # > 1 means Surel is better: rates (unit .../s) surel/other, everything else other/surel.
  if [[ $unit == */s ]]; then ratio=$(awk -v a="$smed" -v b="$omed" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }')
  else ratio=$(awk -v a="$omed" -v b="$smed" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }'); fi
  printf '%-26s surel=%s %s=%s ratio=%s  (%s; runs: surel %s-%s [%s]; %s %s-%s [%s])\n' "$m" "$smed" "$other" "$omed" \
    "$ratio" "$unit" "$slo" "$shi" "$(paste -sd, "$f.surel")" "$other" "$olo" "$ohi" "$(paste -sd, "$f.$other")"
}
# Runs the load generator; its RESULT lines are recorded under the server (unless warm-up).
LOAD=("$JAVA_HOME/bin/java" -cp "$BL_BENCH_JAR" dev.surel.bench.load.Load)
host_of() { if [ "$1" = surel ]; then echo "$SUREL_ADDR"; else echo "$DOVECOT_ADDR"; fi; }
imap_port() { if [ "$1" = surel ]; then echo "$SUREL_IMAP_PORT"; else echo "$DOVECOT_IMAP_PORT"; fi; }
pop3_port() { if [ "$1" = surel ]; then echo "$SUREL_POP3_PORT"; else echo "$DOVECOT_POP3_PORT"; fi; }
parse_results() { # server file: records each RESULT line's value (and p99, and p50 where value is not it)
  local server=$1 line measure unit kv k v val="" p50="" p99=""
  while read -r line; do
    [[ $line == RESULT\ * ]] || continue
    measure=$(awk '{ print $2 }' <<<"$line") unit="" val="" p50="" p99=""
    for kv in $line; do
      k=${kv%%=*} v=${kv#*=}
      case "$k" in unit) unit=$v ;; value) val=$v ;; p50_ms) p50=$v ;; p99_ms) p99=$v ;; esac
    done
    [ "$measure" = imap_idle_connections ] && { [ "${val%.*}" -ge "$IDLE_N" ] || bl_die "$server: only $val of $IDLE_N connections idled"; continue; }
    [ "$val" != -1 ] || continue
    record "$measure" "$server" "$val" "$unit"
    [ -z "$p50" ] || [ "$unit" = ms ] || record "$measure.p50" "$server" "$p50" ms
    [ -z "$p99" ] || record "$measure.p99" "$server" "$p99" ms
  done < "$2"
}
load() { # server label(warm|run) logname workload args...
  local server=$1 label=$2 name=$3 out; shift 3
  out="$T/results/$name-$server-$label.out"
  "${LOAD[@]}" "$@" > "$out" 2> "${out%.out}.err" || failed "$server" "$name $label" "${out%.out}.err"
  [ "$label" = warm ] || parse_results "$server" "$out"
}
# A load generator run that counted errors (or failed) is reported and counted; its RESULT
# lines still count (value=-1 marks a run without a figure). The kit exits 1 at the end if any.
FAILED=0
failed() { # server what stderr-file
  FAILED=$((FAILED + 1))
  echo "bench-kit: the load generator reported errors ($1, $2); its stderr ends with:" >&2
  tail -n 5 "$3" >&2
  echo "$1 $2: $(grep -c '^load: error' "$3" || true) error line(s), see $3" >> "$T/results/failures"
}
# --profile: a JFR recording of Surel per workload, started before its first timed run.
jfr_start() { [ "$profile" = 1 ] || return 0; "$JAVA_HOME/bin/jcmd" "$SUREL_PID" JFR.start name="$1" settings=profile >/dev/null; }
jfr_stop() {
  [ "$profile" = 1 ] || return 0
  "$JAVA_HOME/bin/jcmd" "$SUREL_PID" JFR.stop name="$1" filename="$T/jfr/$1.jfr" >/dev/null
  echo "-- profile of surel during $1 ($T/jfr/$1.jfr): jfr view hot-methods" >> "$T/profile.txt"
  "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$T/jfr/$1.jfr" 2>&1 | head -n 25 >> "$T/profile.txt" || true
  by_surel_frame "$1" jdk.ExecutionSample "Java code running (CPU)"
  by_surel_frame "$1" jdk.NativeMethodSample "threads inside native code: SQLite, fsync, socket waits"
}
# JFR samples of one event type grouped by the first Surel frame of each stack: which Surel code
# the time is spent under, JDK and library calls included.
by_surel_frame() { # workload event-type description
  echo "-- $2 samples ($3) by their first Surel frame:" >> "$T/profile.txt"
  "$JAVA_HOME/bin/jfr" print --stack-depth 96 --events "$2" "$T/jfr/$1.jfr" | awk -v ev="$2" '
    $1 == ev { total++; found = 0 }
    /stackTrace = \[/ { in_stack = 1; next }
    in_stack && /^ *\]/ { in_stack = 0; if (!found) c["(no dev.surel frame: JDK or library threads)"]++; next }
    in_stack && !found && $1 ~ /^dev\.surel\./ { m = $1; sub(/\(.*/, "", m); c[m]++; found = 1 }
    END { for (k in c) printf "%7d %6.1f%%  %s\n", c[k], 100 * c[k] / total, k }' | sort -rn | head -n 15 >> "$T/profile.txt" || true
}
# Each workload: one warm-up run per server (discarded), then $runs timed runs alternating.
timed_runs() { # workload-function name
  local r
  "$1" surel warm 0; "$1" dovecot warm 0
  jfr_start "$2"
  for r in $(seq 1 "$runs"); do "$1" surel run "$r"; "$1" dovecot run "$r"; done
  jfr_stop "$2"
}

# --- SMTP ----------------------------------------------------------------------------------------
surel_count() { # local part: messages in its INBOX (read-only query of the live database)
  sqlite3 -readonly "$T/surel/data/surel.db" "SELECT coalesce(sum(m.message_count), 0) FROM mailboxes m
    JOIN accounts a ON a.id = m.account_id WHERE m.name = 'INBOX' AND a.local_part = '$1';" 2>/dev/null || echo 0
}
dovecot_count() { # local part: files in its Maildir new/ + cur/ (LMTP delivers into new/)
  local c; c=$(find "$T/dovecot/home/$DOMAIN/$1/Maildir/new" "$T/dovecot/home/$DOMAIN/$1/Maildir/cur" -type f 2>/dev/null | wc -l) || true
  echo "${c:-0}"
}
smtp_once() { # server warm|run r
  local server=$1 label=$2 r=$3 n=$SMTP_N target count s e got src
  [ "$label" = warm ] && n=$(( (SMTP_N + 9) / 10 ))
  if [ "$server" = surel ]; then target=$SUREL_ADDR:$SUREL_SMTP_PORT count=surel_count
  else target=$POSTFIX_ADDR:$POSTFIX_SMTP_PORT count=dovecot_count; server=postfix; fi
  local base; base=$("$count" "smtp$r")
  s=$(date +%s%N)
  smtp-source -s "$SMTP_SESSIONS" -m "$n" -l 4096 -d -M bench.client -f sender@bench.invalid -t "smtp$r@$DOMAIN" "$target" &
  src=$!
  while :; do
    got=$("$count" "smtp$r")
    [ $((got - base)) -ge "$n" ] && break
    if [ -n "$src" ] && ! kill -0 "$src" 2>/dev/null; then
      wait "$src" || bl_die "smtp-source to $server ($target) failed"
      src=""
    fi
    if [ $(( ($(date +%s%N) - s) / 1000000000 )) -gt $((60 + n / 20)) ]; then
      bl_die "smtp: $server has $((got - base)) of $n messages in smtp$r's mailbox after $(( ($(date +%s%N) - s) / 1000000000 )) s"
    fi
    sleep 0.05
  done
  e=$(date +%s%N)
  [ -z "$src" ] || wait "$src" || bl_die "smtp-source to $server ($target) failed"
  [ "$label" = warm ] || record smtp_intake "$server" "$(awk -v c="$n" -v t=$((e - s)) 'BEGIN { printf "%.1f", c / (t / 1e9) }')" msgs/s
}
if wants smtp; then
  bl_log "smtp: $SMTP_N messages x 4 KiB, $SMTP_SESSIONS sessions, $runs run(s) + warm-up..."
  timed_runs smtp_once smtp
fi

# --- IMAP fetch, IMAP mixed, POP3 ----------------------------------------------------------------
fetch_once() {
  load "$1" "$2" fetch imap-fetch-all --host "$(host_of "$1")" --port "$(imap_port "$1")" --user "fetch@$DOMAIN" \
    --password "$PASSWORD" --mailbox INBOX --expect "$FETCH_N" --repeat 1
}
mixed_once() {
  load "$1" "$2" mixed imap-mixed --host "$(host_of "$1")" --port "$(imap_port "$1")" --users "user%d@$DOMAIN" \
    --user-count "$MIX_CLIENTS" --password "$PASSWORD" --sources "$SOURCES" --clients "$MIX_CLIENTS" --duration "$MIX_SECONDS"
}
login_once() {
  load "$1" "$2" login imap-login-heavy --host "$(host_of "$1")" --port "$(imap_port "$1")" --users "login%d@$DOMAIN" \
    --user-count "$LOGIN_CLIENTS" --password "$PASSWORD" --sources "$SOURCES" --clients "$LOGIN_CLIENTS" --duration "$LOGIN_SECONDS"
}
search_once() { # the warm-up run searches each word once (the untimed first searches build any cache)
  local n=$SEARCHES; [ "$2" = warm ] && n=3
  load "$1" "$2" search imap-search-text --host "$(host_of "$1")" --port "$(imap_port "$1")" --user "search@$DOMAIN" \
    --password "$PASSWORD" --words "$T/search-words" --searches "$n" --budget-seconds "$SEARCH_BUDGET" --expect "$SEARCH_N"
}
pop3_once() {
  load "$1" "$2" pop3 pop3-download --host "$(host_of "$1")" --port "$(pop3_port "$1")" --user "pop@$DOMAIN" \
    --password "$PASSWORD" --expect "$POP_N" --repeat 1
}
if wants fetch; then bl_log "imap fetch: $FETCH_N messages..."; timed_runs fetch_once imap-fetch; fi
if wants mixed; then bl_log "imap mixed: $MIX_CLIENTS clients x $MIX_SECONDS s..."; timed_runs mixed_once imap-mixed; fi
if wants login; then bl_log "imap login-heavy: $LOGIN_CLIENTS clients x $LOGIN_SECONDS s..."; timed_runs login_once imap-login; fi
if wants search; then bl_log "imap search text: $SEARCH_N messages, $SEARCHES searches..."; timed_runs search_once imap-search; fi
if wants pop3; then bl_log "pop3: $POP_N messages..."; timed_runs pop3_once pop3; fi

# --- IMAP IDLE -----------------------------------------------------------------------------------
# Both servers are restarted first, so that memory is that of a fresh server holding the
# connections (not what earlier workloads left in Surel's heap or Dovecot's processes). Each
# server's memory is also sampled once before any connection (IDLE_SETTLE s after its start):
# imap_idle_per_connection = (memory with the connections - that) / connections.
server_kib() { # surel|dovecot: Surel's JVM RSS, or the summed PSS of every Dovecot process (KiB)
  if [ "$1" = surel ]; then awk '/^VmRSS:/ { print $2 }' /proc/"$SUREL_PID"/status
  # shellcheck disable=SC2046
  else bl_pss_kib $(bl_tree "$DOVECOT_PID"); fi
}
live_heap_kib() { # Surel's live heap (KiB) after a full collection (the class histogram forces one)
  "$JAVA_HOME/bin/jcmd" "$SUREL_PID" GC.class_histogram | awk '$1 == "Total" { printf "%d", $3 / 1024 }'
}
declare -A IDLE_BASE_KIB
IDLE_SETTLE=10
idle_once() { # server warm|run r
  local server=$1 label=$2 ready="$T/results/idle-$1-$2-$3.ready" pid kib deliver port
  if [ "$server" = surel ]; then deliver=smtp port=$SUREL_SMTP_PORT; else deliver=lmtp port=$DOVECOT_LMTP_PORT; fi
  rm -f "$ready"
  "${LOAD[@]}" imap-idle --host "$(host_of "$server")" --port "$(imap_port "$server")" --users "user%d@$DOMAIN" \
    --user-count "$IDLE_N" --password "$PASSWORD" --sources "$SOURCES" --connections "$IDLE_N" --mailbox INBOX \
    --deliver "$deliver" --deliver-host "$(host_of "$server")" --deliver-port "$port" --deliveries "$IDLE_DELIVERIES" \
    --pause-seconds "$IDLE_PAUSE" --hold-seconds 1 --ready-file "$ready" > "$T/results/idle-$server-$label.out" 2> "$T/results/idle-$server-$label.err" &
  pid=$!
  while [ ! -e "$ready" ]; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$T/results/idle-$server-$label.err" >&2; bl_die "imap-idle load generator ($server) ended before all connections were idle"; }
    sleep 0.2
  done
  # Dovecot hibernates a connection after 5 s in IDLE: sample once that has happened.
  sleep "$IDLE_SAMPLE"
  kib=$(server_kib "$server")
  [ "$server" = surel ] && [ "$label" != warm ] && echo "surel: live heap with $IDLE_N IDLE connections $(live_heap_kib) KiB" \
    "(before any connection ${IDLE_BASE_LIVE_KIB} KiB; forced full collection: jcmd GC.class_histogram)"
  wait "$pid" || failed "$server" "idle $label" "$T/results/idle-$server-$label.err"
  if [ "$label" != warm ]; then
    record imap_idle_memory "$server" "$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')" MiB
    record imap_idle_per_connection "$server" "$(awk -v k="$kib" -v b="${IDLE_BASE_KIB[$server]}" -v n="$IDLE_N" 'BEGIN { printf "%.1f", (k - b) / n }')" KiB
    parse_results "$server" "$T/results/idle-$server-$label.out"
  fi
}
if wants idle; then
  bl_log "imap idle: $IDLE_N connections, $IDLE_DELIVERIES deliveries; restarting both servers..."
  bl_surel_stop; bl_dovecot_stop
  surel_start_indexed; bl_dovecot_start
  sleep "$IDLE_SETTLE"
  IDLE_BASE_KIB[surel]=$(server_kib surel); IDLE_BASE_KIB[dovecot]=$(server_kib dovecot)
  IDLE_BASE_LIVE_KIB=$(live_heap_kib)
  echo "idle servers before any connection: surel ${IDLE_BASE_KIB[surel]} KiB RSS, dovecot ${IDLE_BASE_KIB[dovecot]} KiB PSS"
  timed_runs idle_once imap-idle
fi

# --- report --------------------------------------------------------------------------------------
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- results: median of $runs run(s); ratio > 1 means Surel is better"
details() {
  [[ $1 == imap_mixed_* && $1 != imap_mixed_ops* ]] || [[ $1 == imap_login_heavy_* || $1 == imap_search_text_* ]] \
    || [[ $1 == pop3_login* || $1 == pop3_list_uidl* ]]
}
while read -r m; do details "$m" || print_line "$m"; done < "$T/results/order"
if grep -q -e '^imap_mixed_' -e '^imap_login_heavy_' -e '^imap_search_text_' -e '^pop3_l' "$T/results/order"; then
  echo "-- details: parts of the workloads above"
  while read -r m; do ! details "$m" || print_line "$m"; done < "$T/results/order"
fi
[ "$profile" = 1 ] && [ -f "$T/profile.txt" ] && cat "$T/profile.txt"
if [ "$FAILED" -gt 0 ]; then
  echo "-- $FAILED load generator run(s) reported errors:"; cat "$T/results/failures"
  exit 1
fi
exit 0
}
