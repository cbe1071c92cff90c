# shellcheck shell=bash
# Shared helpers of the benchmark scripts (scripts/bench-*.sh); sourced, never run.
# The caller sets BL_NAME (prefix of its messages) before sourcing, and `set -euo pipefail`.
# Functions are prefixed bl_; the variables they set are upper case (BL_*, T, ...).
#
#   bl_die / bl_log MSG            message on stderr (bl_die exits 1)
#   bl_help FILE                   prints FILE's header comment (the usage)
#   bl_posint NAME VALUE           exits 64 unless VALUE is a positive whole number
#   bl_require CMD:PKG ...         installs the Debian packages of missing commands (root), else exits
#   bl_jdk                         JAVA_HOME = a JDK 25, builds surel.jar when sources changed:
#                                  BL_JAR, BL_JAVA (array: java + native access + dist/jvm.env's defaults + $SUREL_JAVA_OPTS)
#   bl_loadgen_jar                 builds surel-bench/target/benchmarks.jar: BL_BENCH_JAR
#   bl_tmpdir PREFIX KEEP          T = a fresh temp dir, removed at exit unless KEEP=1
#   bl_at_exit CMD...              runs CMD at exit (last registered first), before T is removed
#   bl_messages DIR N TO           N distinct 4096-octet messages (LF ends, ~2% dot-stuffed lines),
#                                  named like Dovecot's own Maildir files (…,S=,W=:2,), sorted by number
#   bl_bench_user                  the system user surelbench (created if missing): BENCH_USER/GROUP
#   bl_render SRC DST              copies SRC to DST replacing each @NAME@ with $NAME (unset = error)
#   bl_wait_port HOST PORT PID LOG waits until HOST:PORT accepts (PID must stay alive)
#   bl_stats V...                  "median min max" of numbers
#   bl_machine                     the machine and versions, one line each
#   bl_dovecot_start / _stop       Dovecot from surel-bench/kit/dovecot/dovecot.conf (DOVECOT_PID)
#   bl_postfix_start / _stop       Postfix from surel-bench/kit/postfix/{main,master}.cf
#   bl_surel_start / _stop         `surel serve` from surel-bench/kit/surel/surel.toml (SUREL_PID)
BL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BL_KIT=$BL_ROOT/surel-bench/kit
: "${BL_NAME:=bench}"

bl_die() { echo "$BL_NAME: $*" >&2; exit 1; }
bl_log() { echo "$BL_NAME: $*" >&2; }
bl_help() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"; }
bl_posint() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "$BL_NAME: $1 must be a positive whole number, not '$2'" >&2; exit 64; }
}

bl_require() { # CMD:PKG pairs; CMD may be an absolute path
  local pair cmd missing=()
  for pair in "$@"; do
    cmd=${pair%%:*}
    if [[ $cmd == /* ]]; then [ -x "$cmd" ] && continue; else command -v "$cmd" >/dev/null 2>&1 && continue; fi
    [[ " ${missing[*]} " == *" ${pair#*:} "* ]] || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    bl_die "missing ${missing[*]}; as root run:  apt-get update && apt-get install -y ${missing[*]}"
  fi
  bl_log "installing ${missing[*]} from Debian (no service is started; the kit runs its own)..."
  # Postfix runs only from the kit's own config dirs: install it unconfigured.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
}

bl_jdk() {
  . "$BL_ROOT/scripts/jdk.sh"
  surel_find_jdk || exit 1
  # The launcher rebuilds the jar only when sources changed; the runs then call the jar directly,
  # so Maven is never measured.
  "$BL_ROOT/surel" --version >/dev/null
  BL_JAR=$BL_ROOT/surel-server/target/surel.jar
  # the launcher's JVM defaults (dist/jvm.env), then SUREL_JAVA_OPTS; the kit adds its stated -Xmx last
  # shellcheck source=../dist/jvm.env
  . "$BL_ROOT/dist/jvm.env"
  # shellcheck disable=SC2206 # option lists are words on purpose
  BL_JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED $SUREL_JVM_DEFAULTS ${SUREL_JAVA_OPTS:-})
}
bl_loadgen_jar() {
  (cd "$BL_ROOT" && ./mvnw -B -q --no-transfer-progress -DskipTests -pl surel-bench -am package) >&2
  # shellcheck disable=SC2034 # used by the caller
  BL_BENCH_JAR=$BL_ROOT/surel-bench/target/benchmarks.jar
}

BL_EXIT=()
BL_KEEP=0
bl_at_exit() { BL_EXIT=("$*" "${BL_EXIT[@]}"); }
bl_cleanup() {
  local c
  for c in "${BL_EXIT[@]}"; do eval "$c" || true; done
  if [ -n "${T:-}" ]; then
    if [ "$BL_KEEP" = 1 ]; then echo "$BL_NAME: kept $T" >&2; else rm -rf "$T"; fi
  fi
}
bl_tmpdir() {
  BL_KEEP=$2
  T=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  chmod 755 "$T"
  trap bl_cleanup EXIT
  trap 'exit 130' INT TERM
}

bl_messages() { # DIR N TO
  mkdir -p "$1"
  awk -v n="$2" -v dir="$1" -v to="$3" 'BEGIN {
    srand(20261123); a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    for (i = 1; i <= n; i++) {
      h = sprintf("Return-Path: <sender@bench.invalid>\nFrom: Bench Sender <sender@bench.invalid>\n" \
        "To: %s\nSubject: bench message %d\nDate: Mon, 23 Nov 2026 04:00:00 +0000\n" \
        "Message-ID: <bench-%d@bench.invalid>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n", to, i, i)
      body = ""; size = length(h); lines = gsub(/\n/, "\n", h)
      while (size < 4096) {
        len = 4096 - size; if (len > 77) len = 77
        line = ""; for (k = 1; k < len; k++) line = line substr(a, int(rand() * 64) + 1, 1)
        if (k > 1 && rand() < 0.02) line = "." substr(line, 2)
        body = body line "\n"; size += len; lines++
      }
      # Dovecot Maildir name: S = octets on disk, W = octets with CRLF ends (what IMAP/POP3 report)
      f = sprintf("%s/1763870400.M%06dP1.bench,S=%d,W=%d:2,", dir, i, size, size + lines)
      printf "%s%s", h, body > f; close(f)
    }
  }'
}

bl_bench_user() {
  BENCH_USER=surelbench
  id "$BENCH_USER" >/dev/null 2>&1 \
    || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$BENCH_USER"
  BENCH_GROUP=$(id -gn "$BENCH_USER")
}

bl_render() { # SRC DST
  local text tok name
  text=$(<"$1")
  for tok in $(grep -o '@[A-Z_][A-Z0-9_]*@' "$1" | sort -u); do
    name=${tok//@/}
    [ -n "${!name+x}" ] || bl_die "bl_render: $1 uses $tok but \$$name is not set"
    text=${text//"$tok"/"${!name}"}
  done
  printf '%s\n' "$text" > "$2"
}

bl_wait_port() { # HOST PORT PID LOG
  local _
  for _ in $(seq 1 1200); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    if [ -n "$3" ] && ! kill -0 "$3" 2>/dev/null; then
      echo "$BL_NAME: the server for $1:$2 exited; end of $4:" >&2; tail -n 30 "$4" >&2; exit 1
    fi
    sleep 0.1
  done
  bl_die "$1:$2 did not open in 120 s (log: $4)"
}

bl_stats() { # numbers -> "median min max"
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan nan nan"; exit }
    med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.6g %.6g %.6g\n", med, v[1], v[NR] }'
}

bl_machine() {
  echo "machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, kernel $(uname -r)"
  echo "versions: Debian $(cat /etc/debian_version 2>/dev/null || echo '?'); JDK $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)" \
       "; Dovecot $(dovecot --version 2>/dev/null || echo '-'); Postfix $(postconf -d -h mail_version 2>/dev/null || echo '-')" \
       "; Surel $(git -C "$BL_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); open files limit: $(ulimit -n)"
}

# ---- Dovecot -----------------------------------------------------------------------------------
# Needs T, DOVECOT_ADDR, DOVECOT_IMAP_PORT, DOVECOT_POP3_PORT, DOVECOT_LMTP_PORT, DOVECOT_CLIENTS,
# and $T/dovecot/passwd (user@domain:{PLAIN}password lines) and homes under $T/dovecot/home.
bl_dovecot_start() {
  bl_bench_user
  mkdir -p "$T/dovecot/run" "$T/dovecot/state" "$T/dovecot/home"
  chown "$BENCH_USER:$BENCH_GROUP" "$T/dovecot/home"
  bl_render "$BL_KIT/dovecot/dovecot.conf" "$T/dovecot/dovecot.conf"
  dovecot -F -c "$T/dovecot/dovecot.conf" >> "$T/dovecot/stdout.log" 2>&1 &
  DOVECOT_PID=$!
  bl_at_exit bl_dovecot_stop
  bl_wait_port "$DOVECOT_ADDR" "$DOVECOT_IMAP_PORT" "$DOVECOT_PID" "$T/dovecot/dovecot.log"
  bl_wait_port "$DOVECOT_ADDR" "$DOVECOT_LMTP_PORT" "$DOVECOT_PID" "$T/dovecot/dovecot.log"
}
bl_dovecot_stop() {
  [ -n "${DOVECOT_PID:-}" ] || return 0
  kill "$DOVECOT_PID" 2>/dev/null || true
  wait "$DOVECOT_PID" 2>/dev/null || true
  DOVECOT_PID=""
}
# PIDs of a process and all its descendants.
bl_tree() {
  local p c
  for p in "$@"; do
    echo "$p"
    c=$(cat /proc/"$p"/task/*/children 2>/dev/null | tr ' ' '\n' | awk 'NF') || true
    # shellcheck disable=SC2086
    [ -z "$c" ] || bl_tree $c
  done
}
bl_pss_kib() { # summed PSS (KiB) of the given PIDs
  local p sum=0 v
  for p in "$@"; do
    v=$(awk '/^Pss:/ { print $2; exit }' /proc/"$p"/smaps_rollup 2>/dev/null) || true
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}

# ---- Postfix -----------------------------------------------------------------------------------
# Needs T, POSTFIX_ADDR, POSTFIX_SMTP_PORT, DOVECOT_ADDR, DOVECOT_LMTP_PORT, $T/postfix/vmailbox.
bl_postfix_start() {
  mkdir -p "$T/postfix/spool" "$T/postfix/data"
  chown postfix "$T/postfix/data"
  bl_render "$BL_KIT/postfix/main.cf" "$T/postfix/main.cf"
  bl_render "$BL_KIT/postfix/master.cf" "$T/postfix/master.cf"
  POSTFIX_DIR=$T/postfix
  postfix -c "$POSTFIX_DIR" start >/dev/null 2>&1 \
    || { postfix -c "$POSTFIX_DIR" check >&2 || true; bl_die "postfix did not start (log: $T/postfix/maillog)"; }
  bl_at_exit bl_postfix_stop
  bl_wait_port "$POSTFIX_ADDR" "$POSTFIX_SMTP_PORT" "" "$T/postfix/maillog"
}
bl_postfix_stop() {
  [ -n "${POSTFIX_DIR:-}" ] || return 0
  postfix -c "$POSTFIX_DIR" stop >/dev/null 2>&1 || true
  POSTFIX_DIR=""
}

# ---- Surel -------------------------------------------------------------------------------------
# Needs T, SUREL_ADDR, SUREL_*_PORT, SUREL_MAX_CONNECTIONS, SUREL_XMX.
bl_surel_config() {
  mkdir -p "$T/surel"
  bl_render "$BL_KIT/surel/surel.toml" "$T/surel/surel.toml"
  SUREL_CONF=$T/surel/surel.toml
}
bl_surel_start() {
  "${BL_JAVA[@]}" -Xmx"$SUREL_XMX" -jar "$BL_JAR" --config "$SUREL_CONF" serve >> "$T/surel/surel.log" 2>&1 &
  SUREL_PID=$!
  bl_at_exit bl_surel_stop
  bl_wait_port "$SUREL_ADDR" "$SUREL_IMAP_PORT" "$SUREL_PID" "$T/surel/surel.log"
}
bl_surel_stop() {
  [ -n "${SUREL_PID:-}" ] || return 0
  kill "$SUREL_PID" 2>/dev/null || true
  wait "$SUREL_PID" 2>/dev/null || true
  SUREL_PID=""
}
