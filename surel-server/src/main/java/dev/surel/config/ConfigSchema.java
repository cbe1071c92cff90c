package dev.surel.config;

import static dev.surel.config.ValueType.BYTES;
import static dev.surel.config.ValueType.DURATION_TYPE;
import static dev.surel.config.ValueType.HOST_PORT;
import static dev.surel.config.ValueType.POSITIVE;
import static dev.surel.config.ValueType.STRING;
import static dev.surel.config.ValueType.STRING_LIST;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    public static final Setting<Duration> TLS_RELOAD_INTERVAL = key("tls.reload_interval", DURATION_TYPE, Duration.ofMinutes(1), "\"1m\"",
            "How often the certificate files are checked for changes; changed files are loaded for new connections.");

    // ------------------------------------------------------------------ limits
    public static final Setting<Integer> MAX_CONNECTIONS = key("limits.max_connections", POSITIVE, 20_000, "20000",
            "Connections open at once, all listeners together; more are refused with the protocol's busy reply.");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_IP = key("limits.max_connections_per_ip", POSITIVE, 50, "50",
            "Connections open at once from one remote address.");
    public static final Setting<Duration> IDLE_TIMEOUT = key("limits.idle_timeout", DURATION_TYPE, Duration.ofMinutes(30), "\"30m\"",
            "A connection that sends nothing for this long is closed (IMAP requires at least 30 minutes, RFC 9051 §5.4).");
    public static final Setting<Duration> TLS_HANDSHAKE_TIMEOUT = key("limits.tls_handshake_timeout", DURATION_TYPE, Duration.ofSeconds(30), "\"30s\"",
            "Time allowed for a TLS handshake.");
    public static final Setting<Integer> MAX_LINE_LENGTH = key("limits.max_line_length", POSITIVE, 65_536, "65536",
            "Longest protocol line accepted, in octets, where a protocol sets no lower limit of its own.");

    // ------------------------------------------------------------------ auth
    public static final Setting<List<String>> CLEARTEXT_NETWORKS = key("auth.cleartext_networks", STRING_LIST,
            List.of("127.0.0.0/8", "::1/128"), "[\"127.0.0.0/8\", \"::1/128\"]",
            "Networks where mechanisms that reveal the password (PLAIN, LOGIN, IMAP LOGIN, POP3 USER/PASS) are allowed "
                    + "without TLS. Empty: only over TLS.");

    // ------------------------------------------------------------------ store
    public static final Setting<Duration> TOMBSTONE_HORIZON = key("store.tombstone_horizon", DURATION_TYPE, Duration.ofDays(30), "\"30d\"",
            "How long expunged messages are remembered (for fast resync, QRESYNC VANISHED) before they are purged.");
    public static final Setting<Duration> BLOB_GRACE = key("store.blob_gc_grace", DURATION_TYPE, Duration.ofHours(1), "\"1h\"",
            "An unreferenced message file is deleted only after this long, and never while a session may still fetch it.");
    public static final Setting<Duration> GC_INTERVAL = key("store.gc_interval", DURATION_TYPE, Duration.ofMinutes(15), "\"15m\"",
            "How often the store purges old tombstones and unreferenced message files.");
    public static final Setting<Long> QUOTA_BYTES = key("store.default_quota_bytes", BYTES, 0L, "0 (unlimited)",
            "Storage quota of a user who has none of their own, in bytes (\"2G\" works).");
    public static final Setting<Long> QUOTA_MESSAGES = key("store.default_quota_messages", BYTES, 0L, "0 (unlimited)",
            "Message-count quota of a user who has none of their own.");

    // ------------------------------------------------------------------ log
    public static final Setting<String> LOG_LEVEL = key("log.level", STRING, "info", "\"info\"",
            "Log level: error, warn, info, debug or trace. The environment variable SUREL_LOG_LEVEL overrides it.");

    public static final List<Setting<?>> ALL = List.copyOf(KEYS);
}
