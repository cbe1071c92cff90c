package dev.surel.config;

import static dev.surel.config.ValueType.BYTES;
import static dev.surel.config.ValueType.COUNT;
import static dev.surel.config.ValueType.DURATION_TYPE;
import static dev.surel.config.ValueType.HOST_PORT;
import static dev.surel.config.ValueType.POSITIVE;
import static dev.surel.config.ValueType.STRING;
import static dev.surel.config.ValueType.STRING_LIST;

import dev.surel.net.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key, its type, default and meaning. This list is the contract: the loader
 * accepts exactly these keys and {@code docs/configuration.md} is generated from it
 * ({@link ConfigDocs}; a test keeps the two equal).
 */
public final class ConfigSchema {

    private ConfigSchema() {
    }

    private static final List<Setting<?>> KEYS = new ArrayList<>();

    private static <T> Setting<T> key(String key, ValueType<T> type, T def, String defText, String doc) {
        Setting<T> s = new Setting<>(key, type, def, defText, doc);
        KEYS.add(s);
        return s;
    }

    // ------------------------------------------------------------------ top level
    public static final Setting<String> HOSTNAME = key("hostname", STRING, null, "the machine's host name",
            "The server's public host name: greetings, Received: headers, the self-signed certificate's subject.");
    public static final Setting<String> DATA_DIR = key("data_dir", STRING, "data", "\"data\" (in the working directory)",
            "Where Surel keeps its state: metadata database, message blobs, TLS material, admin socket and secret, ports file. "
                    + "A relative path in a file is relative to the file's directory.");

    // ------------------------------------------------------------------ listen
    public static final Setting<HostPort> LISTEN_SMTP = listen(Endpoint.SMTP, "MX: mail from the internet (STARTTLS offered, no AUTH)");
    public static final Setting<HostPort> LISTEN_SUBMISSION = listen(Endpoint.SUBMISSION, "message submission, STARTTLS (RFC 6409)");
    public static final Setting<HostPort> LISTEN_SUBMISSIONS = listen(Endpoint.SUBMISSIONS, "message submission, implicit TLS (RFC 8314)");
    public static final Setting<HostPort> LISTEN_IMAP = listen(Endpoint.IMAP, "IMAP with STARTTLS");
    public static final Setting<HostPort> LISTEN_IMAPS = listen(Endpoint.IMAPS, "IMAP, implicit TLS");
    public static final Setting<HostPort> LISTEN_POP3 = listen(Endpoint.POP3, "POP3 with STLS");
    public static final Setting<HostPort> LISTEN_POP3S = listen(Endpoint.POP3S, "POP3, implicit TLS");

    private static Setting<HostPort> listen(Endpoint s, String what) {
        return key("listen." + s.key(), HOST_PORT, null,
                "\"0.0.0.0:" + s.standardPort() + "\" without a config file; off when a file leaves it out",
                "Listen address for " + what + ". An absent key means this listener is off; port 0 = any free port.");
    }

    // ------------------------------------------------------------------ tls
    public static final Setting<String> TLS_CERT = key("tls.cert", STRING, null, "absent: a self-signed certificate is generated",
            "PEM file with the certificate chain (leaf first).");
    public static final Setting<String> TLS_KEY = key("tls.key", STRING, null, "absent",
            "PEM file with the private key (PKCS#1, PKCS#8 or EC form). Required when tls.cert is set.");
    public static final Setting<Duration> TLS_RELOAD_INTERVAL = key("tls.reload_interval", DURATION_TYPE, Duration.ofSeconds(60), "\"60s\"",
            "How often the certificate files (tls.cert, tls.key and the [[tls.sni]] ones) are checked for changes; changed "
                    + "files serve new connections, a broken new file keeps the old certificate. \"0s\" turns it off.");
    public static final Setting<List<Map<String, String>>> TLS_SNI = key("tls.sni",
            ValueType.tables("an array of tables [[tls.sni]] with domain, cert and key", List.of("domain", "cert", "key")),
            List.of(), "none",
            "Per-domain certificates chosen by the name the client asks for (SNI): domain = \"example.com\" or "
                    + "\"*.example.com\" (one label), cert and key as above. Without a match the default certificate serves.");

    // ------------------------------------------------------------------ limits
    public static final Setting<Integer> MAX_CONNECTIONS = key("limits.max_connections", POSITIVE, 10_000, "10000",
            "Connections open at once, all listeners together; more are refused with the protocol's busy reply.");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_IP = key("limits.max_connections_per_ip", POSITIVE, 50, "50",
            "Connections open at once from one remote address (IPv6: one /64).");
    public static final Setting<Duration> IDLE_TIMEOUT = key("limits.idle_timeout", DURATION_TYPE, Duration.ofMinutes(10), "\"10m\"",
            "A connection with no traffic either way (or a write stalled) this long is closed, where the protocol sets no "
                    + "timeout of its own for its state (IMAP uses at least 30 minutes, RFC 9051 §5.4). \"0s\" = none.");
    public static final Setting<Duration> TLS_HANDSHAKE_TIMEOUT = key("limits.tls_handshake_timeout", DURATION_TYPE, Duration.ofSeconds(10), "\"10s\"",
            "Time allowed for a TLS handshake (implicit TLS or after STARTTLS).");
    public static final Setting<Integer> MAX_LINE_LENGTH = key("limits.max_line_length", POSITIVE, 8192, "8192",
            "Longest protocol line accepted, in octets without CRLF, where a protocol sets no limit of its own.");
    public static final Setting<Duration> SHUTDOWN_GRACE = key("limits.shutdown_grace", DURATION_TYPE, Duration.ofSeconds(5), "\"5s\"",
            "On stop, how long sessions get to say goodbye and end before their connections are closed.");

    // ------------------------------------------------------------------ auth
    public static final Setting<List<String>> CLEARTEXT_NETWORKS = key("auth.cleartext_networks", STRING_LIST,
            List.of("127.0.0.0/8", "::1/128"), "[\"127.0.0.0/8\", \"::1/128\"]",
            "Networks where mechanisms that reveal the password (PLAIN, LOGIN, IMAP LOGIN, POP3 USER/PASS) are allowed "
                    + "without TLS. Empty: only over TLS.");

    public static final Setting<Integer> ARGON2_MEMORY = key("auth.argon2_memory_kib", POSITIVE, 19_456, "19456",
            "Argon2id memory cost (KiB) of new password hashes (OWASP minimum: m=19 MiB, t=2, p=1). Existing hashes keep theirs.");
    public static final Setting<Integer> ARGON2_ITERATIONS = key("auth.argon2_iterations", POSITIVE, 2, "2",
            "Argon2id time cost of new password hashes.");
    public static final Setting<Integer> ARGON2_PARALLELISM = key("auth.argon2_parallelism", POSITIVE, 1, "1",
            "Argon2id lanes of new password hashes.");
    public static final Setting<Integer> SCRAM_ITERATIONS = key("auth.scram_iterations", POSITIVE, 4096, "4096",
            "PBKDF2 iterations of new SCRAM-SHA-256 credentials; at least 4096 (RFC 7677 §4).");
    public static final Setting<Integer> VERIFICATION_CACHE = key("auth.verification_cache_size", COUNT, 10_000, "10000",
            "Recent successful password verifications remembered (keyed on the stored hash, so a password change "
                    + "invalidates them); spares Argon2 for clients that reconnect often. 0 turns the cache off.");

    // ------------------------------------------------------------------ auth.throttle
    public static final Setting<Duration> THROTTLE_BASE = key("auth.throttle.base_delay", DURATION_TYPE, Duration.ofSeconds(1), "\"1s\"",
            "Delay before answering after the first recent failed login (per IP, per account, per account and IP); doubles with each further failure.");
    public static final Setting<Duration> THROTTLE_MAX = key("auth.throttle.max_delay", DURATION_TYPE, Duration.ofSeconds(16), "\"16s\"",
            "Cap of that delay.");
    public static final Setting<Duration> THROTTLE_WINDOW = key("auth.throttle.failure_window", DURATION_TYPE, Duration.ofMinutes(15), "\"15m\"",
            "Failures are forgotten this long after the last one.");
    public static final Setting<Integer> THROTTLE_IP = key("auth.throttle.ip_refusal_threshold", POSITIVE, 30, "30",
            "Failures from one IP (IPv6: one /64) after which logins from it are refused for refusal_duration.");
    public static final Setting<Integer> THROTTLE_ACCOUNT_IP = key("auth.throttle.account_ip_refusal_threshold", POSITIVE, 10, "10",
            "Failures for one account from one IP after which that pair is refused. An account alone is only ever slowed down, never locked.");
    public static final Setting<Duration> THROTTLE_REFUSAL = key("auth.throttle.refusal_duration", DURATION_TYPE, Duration.ofMinutes(15), "\"15m\"",
            "How long a refusal lasts after the last failure.");
    public static final Setting<Integer> THROTTLE_KEYS = key("auth.throttle.max_tracked_keys", POSITIVE, 100_000, "100000",
            "Memory bound of the throttle: beyond it the least recently used keys are forgotten.");

    // ------------------------------------------------------------------ accounts
    public static final Setting<String> SUBADDRESS = key("accounts.subaddress_separators", STRING, "+", "\"+\"",
            "Each character separates a local part from a tag (user+tag@domain is user); \"\" turns sub-addressing off.");
    public static final Setting<String> POSTMASTER = key("accounts.postmaster", STRING, null, "absent",
            "Where postmaster@ of every local domain goes when the domain has no user or alias of that name (RFC 5321 §4.5.1). "
                    + "Absent: the domain's catch-all, else its oldest user.");
    public static final Setting<Integer> MAX_ALIAS_DEPTH = key("accounts.max_alias_depth", POSITIVE, 8, "8",
            "Deepest alias nesting followed; loops are refused when an alias is added.");

    // ------------------------------------------------------------------ store
    public static final Setting<Duration> TOMBSTONE_HORIZON = key("store.tombstone_horizon", DURATION_TYPE, Duration.ofDays(30), "\"30d\"",
            "How long expunged messages are remembered as tombstones (fast resync: QRESYNC VANISHED) before they are purged.");
    public static final Setting<Duration> BLOB_GRACE = key("store.blob_gc_grace", DURATION_TYPE, Duration.ofHours(1), "\"1h\"",
            "An unreferenced message file is deleted only after it stayed unreferenced this long (and never while a session "
                    + "may still fetch it); also the age after which stale temp files go.");
    public static final Setting<Duration> GC_INTERVAL = key("store.gc_interval", DURATION_TYPE, Duration.ofHours(1), "\"1h\"",
            "How often the server purges old tombstones and unreferenced message files. \"0s\" turns the periodic run off.");
    public static final Setting<Long> QUOTA_BYTES = key("store.default_quota_bytes", BYTES, 0L, "0 (unlimited)",
            "Storage quota of a user who has none of their own, in bytes (\"2G\" works). Over it, deliveries are refused (temporarily).");
    public static final Setting<Long> QUOTA_MESSAGES = key("store.default_quota_messages", BYTES, 0L, "0 (unlimited)",
            "Message-count quota of a user who has none of their own.");
    public static final Setting<Integer> READ_CONNECTIONS = key("store.read_connections", POSITIVE, 4, "4",
            "SQLite connections for reads (each read runs in its own snapshot; writes use one more connection).");
    public static final Setting<Long> MAX_MESSAGE_SIZE = key("store.max_message_size", BYTES, 0L, "0 (unlimited)",
            "Largest message the store accepts, in bytes (\"50M\" works). Protocols advertise their own limits at or below it.");
    public static final Setting<Integer> EVENT_QUEUE = key("store.event_queue", POSITIVE, 1000, "1000",
            "Change notifications queued per session before it falls back to a full resynchronisation.");

    // ------------------------------------------------------------------ smtp (SMTP sessions)

    // ------------------------------------------------------------------ queue (delivery queue, outbound)

    // ------------------------------------------------------------------ imap

    // ------------------------------------------------------------------ pop3
    public static final Setting<String> POP3_POLICY = key("pop3.policy",
            STRING.map("\"delete\", \"hide\" or \"keep:<days>d\"", p -> {
                dev.surel.pop3.LeavePolicy.parse(p);
                return p;
            }), "delete", "\"delete\"",
            "Leave-on-server policy of users and domains without their own (`surel user pop3`, `surel domain pop3`): "
                    + "\"delete\" (DELE removes the message at QUIT), \"keep:30d\" (DELE removes it too, and the server "
                    + "removes every message 30 days after its first download; CAPA EXPIRE 30), \"hide\" (DELE hides it from "
                    + "later POP3 sessions, IMAP keeps it; CAPA EXPIRE NEVER).");
    public static final Setting<List<String>> POP3_FOLDERS = key("pop3.folders", STRING_LIST, List.of("INBOX"), "[\"INBOX\"]",
            "Mailboxes that make up a user's POP3 maildrop, in this order; one that does not exist is skipped.");
    public static final Setting<Duration> POP3_IDLE_TIMEOUT = key("pop3.idle_timeout", DURATION_TYPE, Duration.ofMinutes(10), "\"10m\"",
            "A POP3 session idle this long is closed (at least 10m, RFC 1939 §3) and its maildrop lock released; TCP "
                    + "keepalive also detects dead peers.");
    public static final Setting<Duration> POP3_LOGIN_DELAY = key("pop3.login_delay", DURATION_TYPE, Duration.ZERO, "\"0s\" (none)",
            "Least time between two POP3 logins of one user (CAPA LOGIN-DELAY, RFC 2449 §6.5); sooner is -ERR [LOGIN-DELAY].");
    public static final Setting<Integer> POP3_MAX_MESSAGES = key("pop3.max_messages", POSITIVE, 100_000, "100000",
            "Most messages one POP3 session lists (the oldest first); the rest appear once those are gone.");
    public static final Setting<Duration> POP3_EXPIRE_INTERVAL = key("pop3.expire_interval", DURATION_TYPE, Duration.ofHours(1), "\"1h\"",
            "How often the server removes messages whose keep:<days> period after their first download has passed. "
                    + "\"0s\" turns the job off.");


    // ------------------------------------------------------------------ log
    public static final Setting<String> LOG_LEVEL = key("log.level",
            STRING.map("one of \"error\", \"warn\", \"info\", \"debug\", \"trace\"", l -> {
                if (!List.of("error", "warn", "info", "debug", "trace").contains(l)) throw new IllegalArgumentException("unknown level \"" + l + "\"");
                return l;
            }), "info", "\"info\"",
            "Log level: error, warn, info, debug or trace. The environment variable SUREL_LOG_LEVEL overrides it.");

    public static final List<Setting<?>> ALL = List.copyOf(KEYS);
}
