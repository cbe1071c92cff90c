package dev.surel.config;

import static dev.surel.config.ValueType.BYTES;
import static dev.surel.config.ValueType.COUNT;
import static dev.surel.config.ValueType.DURATION_TYPE;
import static dev.surel.config.ValueType.HOST_PORT;
import static dev.surel.config.ValueType.POSITIVE;
import static dev.surel.config.ValueType.STRING;
import static dev.surel.config.ValueType.STRING_LIST;

import dev.surel.net.Endpoint;
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
            "The server's public host name: greetings, Received: headers, the self-signed certificate's subject. A fully "
                    + "qualified domain name (RFC 5321 §2.3.5); a bare name such as \"mailhost\" is warned about at start.");
    public static final Setting<String> DATA_DIR = key("data_dir", STRING, "data", "\"data\" (in the working directory)",
            "Where Surel keeps its state: metadata database, message blobs, TLS material, admin socket and secret, ports file. "
                    + "A relative path in a file is relative to the file's directory. `serve` creates the store on its first "
                    + "start; an administrative command creates one only where this key names the place or with --create "
                    + "(docs/adr/0006-store-creation.md).");

    // ------------------------------------------------------------------ listen
    public static final Setting<HostPort> LISTEN_SMTP = listen(Endpoint.SMTP, "MX: mail from the internet (STARTTLS offered, no AUTH)");
    public static final Setting<HostPort> LISTEN_SUBMISSION = listen(Endpoint.SUBMISSION, "message submission, STARTTLS (RFC 6409)");
    public static final Setting<HostPort> LISTEN_SUBMISSIONS = listen(Endpoint.SUBMISSIONS, "message submission, implicit TLS (RFC 8314)");
    public static final Setting<HostPort> LISTEN_IMAP = listen(Endpoint.IMAP, "IMAP with STARTTLS");
    public static final Setting<HostPort> LISTEN_IMAPS = listen(Endpoint.IMAPS, "IMAP, implicit TLS");
    public static final Setting<HostPort> LISTEN_POP3 = listen(Endpoint.POP3, "POP3 with STLS");
    public static final Setting<HostPort> LISTEN_POP3S = listen(Endpoint.POP3S, "POP3, implicit TLS");
    public static final Setting<HostPort> LISTEN_MANAGESIEVE = listen(Endpoint.MANAGESIEVE, "ManageSieve with STARTTLS (RFC 5804)");

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
            "Time allowed for a whole TLS handshake (implicit TLS or after STARTTLS), however steadily the client's octets "
                    + "trickle in; then the connection is closed.");
    public static final Setting<Integer> MAX_LINE_LENGTH = key("limits.max_line_length", POSITIVE, 8192, "8192",
            "Longest protocol line accepted, in octets without CRLF, where a protocol sets no limit of its own.");
    public static final Setting<Duration> SHUTDOWN_GRACE = key("limits.shutdown_grace", DURATION_TYPE, Duration.ofSeconds(5), "\"5s\"",
            "On stop, how long sessions get to say goodbye and end before their connections are closed.");
    public static final Setting<Duration> COMMAND_DEADLINE = key("limits.command_deadline", DURATION_TYPE,
            dev.surel.net.NetSettings.DEFAULT_COMMAND_DEADLINE, "\"5m\"",
            "Longest time one command line of SMTP, IMAP or POP3 (SASL responses and IMAP's DONE included) may take to arrive, "
                    + "from its first octet to its line end, however steadily the octets trickle in; also one IMAP literal that "
                    + "is not a message, from the continuation request to its last octet. Past it the server answers 421 4.4.2, "
                    + "* BYE or -ERR and closes the connection. Silence between commands is the idle timeouts' business, not "
                    + "this. Must be > 0.");

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
            "How long a refusal lasts after the last failure. Each refusal is logged (\"login refused\"); "
                    + "`surel auth unblock ADDRESS|IP` lifts one at once.");
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
                    + "may still fetch it, nor while a backup copies message files); also the age after which stale temp files go.");
    public static final Setting<Duration> GC_INTERVAL = key("store.gc_interval", DURATION_TYPE, Duration.ofHours(1), "\"1h\"",
            "How often the server purges old tombstones and unreferenced message files. \"0s\" turns the periodic run off.");
    public static final Setting<Long> QUOTA_BYTES = key("store.default_quota_bytes", BYTES, 0L, "0 (unlimited)",
            "Storage quota of a user who has none of their own, in bytes (\"2G\" works). Over it, deliveries are refused (temporarily).");
    public static final Setting<Long> QUOTA_MESSAGES = key("store.default_quota_messages", ValueType.LONG_COUNT, 0L, "0 (unlimited)",
            "Message-count quota of a user who has none of their own: a number of messages (100000), not a size.");
    public static final Setting<Integer> READ_CONNECTIONS = key("store.read_connections", POSITIVE, 4, "4",
            "SQLite connections for reads (each read runs in its own snapshot; writes use one more connection).");
    public static final Setting<Long> MAX_MESSAGE_SIZE = key("store.max_message_size", BYTES, 0L, "0 (unlimited)",
            "Largest message the store accepts, in bytes (\"50M\" works). Protocols advertise their own limits at or below it.");
    public static final Setting<Integer> EVENT_QUEUE = key("store.event_queue", POSITIVE, 1000, "1000",
            "Change notifications queued per session before it falls back to a full resynchronisation.");
    public static final Setting<Long> MIN_FREE_SPACE = key("store.min_free_space", BYTES, 100L << 20, "\"100M\"",
            "Free space the data directory's file system keeps for what is already accepted. Below it, new mail is refused "
                    + "before its content is sent: SMTP at MAIL FROM (452 4.3.1, also when a declared SIZE would not fit), "
                    + "IMAP APPEND (NO [OVERQUOTA]); flag changes, expunges and deliveries from the queue go on. 0: no reserve.");

    // ------------------------------------------------------------------ smtp (SMTP sessions)
    public static final Setting<Long> SMTP_MAX_MESSAGE_SIZE = key("smtp.max_message_size", BYTES, 50L << 20, "\"50M\"",
            "Largest message SMTP accepts (DATA, or BDAT chunks together), advertised as SIZE (RFC 1870); larger gets 552 5.3.4. "
                    + "Keep it at or below store.max_message_size when that is set.");
    public static final Setting<Integer> SMTP_MAX_RECIPIENTS = key("smtp.max_recipients", POSITIVE, 100, "100",
            "Recipients per message; more RCPT commands get 452 4.5.3 (the client sends the rest in another transaction).");
    public static final Setting<Integer> SMTP_MAX_COMMAND_LINE = key("smtp.max_command_line", POSITIVE, 512, "512",
            "Longest SMTP command line in octets with CRLF (at least 512, RFC 5321 §4.5.3.1.4); longer gets 500 5.5.2. "
                    + "AUTH lines may be 12288 octets (RFC 4954).");
    public static final Setting<Integer> SMTP_MAX_TEXT_LINE = key("smtp.max_text_line", POSITIVE, 1 << 20, "1048576",
            "Longest line of message content accepted, in octets (at least 1000); a message with a longer line gets 550 5.6.0.");
    public static final Setting<Integer> SMTP_MAX_ERRORS = key("smtp.max_errors", POSITIVE, 20, "20",
            "Refused commands (5xx replies) in one SMTP session after which the server answers 421 4.7.0 and closes it.");
    public static final Setting<Integer> SMTP_MAX_RECEIVED = key("smtp.max_received_headers", POSITIVE, 50, "50",
            "A message arriving with more Received: fields than this is taken for a loop and refused (554 5.4.6).");
    public static final Setting<Duration> SMTP_COMMAND_TIMEOUT = key("smtp.command_timeout", DURATION_TYPE, Duration.ofMinutes(5), "\"5m\"",
            "How long an SMTP session may wait for the next command (RFC 5321 §4.5.3.2.7); then 421 4.4.2.");
    public static final Setting<Duration> SMTP_DATA_TIMEOUT = key("smtp.data_timeout", DURATION_TYPE, Duration.ofMinutes(3), "\"3m\"",
            "How long an SMTP session may wait for more message data (RFC 5321 §4.5.3.2.6); then 421 4.4.2.");
    public static final Setting<Duration> SMTP_DATA_DEADLINE = key("smtp.data_deadline", DURATION_TYPE,
            dev.surel.smtp.SmtpSettings.DEFAULT_DATA_DEADLINE, "\"30m\"",
            "Longest time the content of one message may take to arrive, however steadily it trickles in: DATA from the 354 "
                    + "reply to the final \".\"; BDAT from the first chunk's BDAT command to the end of the LAST chunk, the "
                    + "command lines and pauses between chunks included. Past it: 421 4.4.2, the message is not accepted and "
                    + "the connection closes. Must be > 0.");

    // ------------------------------------------------------------------ queue (delivery queue, outbound)
    public static final Setting<Duration> QUEUE_LIFETIME = key("queue.lifetime", DURATION_TYPE, Duration.ofDays(5), "\"5d\"",
            "How long a message that cannot be delivered yet is retried; then it fails (4.4.7) and the sender gets a DSN "
                    + "(RFC 5321 §4.5.4.1). Also the limit for a local mailbox that stays over quota.");
    public static final Setting<Duration> QUEUE_RETRY_INITIAL = key("queue.retry_initial", DURATION_TYPE, Duration.ofMinutes(1), "\"1m\"",
            "Wait before the first retry of a deferred recipient; it doubles with each further deferral.");
    public static final Setting<Duration> QUEUE_RETRY_MAX = key("queue.retry_max", DURATION_TYPE, Duration.ofHours(1), "\"1h\"",
            "Longest wait between two retries (at least retry_initial).");
    public static final Setting<Integer> QUEUE_MAX_PER_DOMAIN = key("queue.max_per_domain", POSITIVE, 10, "10",
            "Deliveries running at once to one remote domain.");
    public static final Setting<Integer> QUEUE_MAX_DELIVERIES = key("queue.max_deliveries", POSITIVE, 100, "100",
            "Delivery tasks running at once in total (local INBOX deliveries and remote attempts).");
    public static final Setting<Long> QUEUE_DSN_MAX_RETURNED = key("queue.dsn_max_returned_size", BYTES, 10L * 1024 * 1024, "\"10M\"",
            "A failure DSN returns the whole message (RFC 3461 RET) only up to this size; a larger one comes back as its headers.");
    public static final Setting<Duration> QUEUE_DELAY_WARNING = key("queue.delay_warning", DURATION_TYPE, Duration.ofHours(4), "\"4h\"",
            "A recipient given with NOTIFY=DELAY (RFC 3461) that is still undelivered this long after arrival gets one "
                    + "\"delayed\" DSN. \"0s\": never.");

    // ---- queue: outbound SMTP delivery (dev.surel.delivery.DeliverySettings)
    public static final Setting<HostPort> DELIVERY_RESOLVER = key("queue.resolver", HOST_PORT, null, "absent",
            "Older name of dns.resolver (one \"host:port\"), still accepted; used when dns.resolver is absent. "
                    + "Setting both is an error.");
    public static final Setting<HostPort> DELIVERY_RELAY_HOST = key("queue.relay_host", HOST_PORT, null, "absent: deliver by MX",
            "Smarthost: all remote mail (except routed domains) goes to this \"host:port\" instead of the domains' MX hosts.");
    public static final Setting<String> DELIVERY_RELAY_USER = key("queue.relay_user", STRING, null, "absent: no AUTH",
            "User name for AUTH PLAIN/LOGIN at the relay host; sent only over TLS. Needs relay_password_file.");
    public static final Setting<String> DELIVERY_RELAY_PASSWORD_FILE = key("queue.relay_password_file", STRING, null, "absent",
            "File whose first line is the relay host password (relative to the configuration file). Read at each delivery.");
    public static final Setting<List<Map<String, String>>> DELIVERY_ROUTES = key("queue.routes",
            ValueType.tables("an array of tables [[queue.routes]] with domain and host (\"host:port\")", List.of("domain", "host")),
            List.of(), "none",
            "Static routes, tried before the relay host and DNS: mail for domain goes to host.");
    public static final Setting<String> DELIVERY_HELO_NAME = key("queue.helo_name", STRING, null, "the hostname setting",
            "Name given in EHLO/HELO to other servers.");
    public static final Setting<Integer> DELIVERY_SMTP_PORT = key("queue.smtp_port", POSITIVE, 25, "25",
            "Port of the MX (and A/AAAA) hosts found by DNS.");
    public static final Setting<Boolean> DELIVERY_STARTTLS = key("queue.starttls", ValueType.BOOLEAN, true, "true",
            "Opportunistic STARTTLS when the peer offers it (certificates not verified; a failed handshake is retried in clear). "
                    + "Hosts under MTA-STS enforce or DANE always get TLS with their certificate checked.");
    public static final Setting<Boolean> DELIVERY_MTA_STS = key("queue.mta_sts", ValueType.BOOLEAN, true, "true",
            "Honour recipient domains' MTA-STS policies (RFC 8461): in enforce mode, mail goes only to the MX hosts the policy "
                    + "names, over TLS with a certificate valid for the host (else it waits in the queue).");
    public static final Setting<Boolean> DELIVERY_DANE = key("queue.dane", ValueType.BOOLEAN, true, "true",
            "Honour DANE TLSA records of MX hosts (RFC 7672): TLS required, the certificate must match. Only records the "
                    + "[dns] resolver validated (AD bit) count, so point dns.resolver at a validating resolver (e.g. unbound on loopback).");
    public static final Setting<String> DELIVERY_TLS_CA_FILE = key("queue.tls_ca_file", STRING, null, "absent: the JDK's trust store",
            "PEM file of the certificate authorities trusted for MTA-STS (MX certificates and the policy's HTTPS host); "
                    + "relative to the configuration file.");
    public static final Setting<Duration> DELIVERY_MTA_STS_TIMEOUT = key("queue.mta_sts_timeout", DURATION_TYPE, Duration.ofMinutes(1), "\"1m\"",
            "The whole HTTPS fetch of one MTA-STS policy (RFC 8461 §3.3).");
    public static final Setting<Duration> DELIVERY_CONNECT_TIMEOUT = key("queue.connect_timeout", DURATION_TYPE, Duration.ofSeconds(30), "\"30s\"",
            "TCP connect to a peer.");
    public static final Setting<Duration> DELIVERY_GREETING_TIMEOUT = key("queue.greeting_timeout", DURATION_TYPE, Duration.ofMinutes(5), "\"5m\"",
            "Wait for the peer's 220 greeting (RFC 5321 §4.5.3.2.1).");
    public static final Setting<Duration> DELIVERY_COMMAND_TIMEOUT = key("queue.command_timeout", DURATION_TYPE, Duration.ofMinutes(5), "\"5m\"",
            "Wait for the reply to EHLO, STARTTLS, AUTH, MAIL, RCPT (RFC 5321 §4.5.3.2.2-3).");
    public static final Setting<Duration> DELIVERY_DATA_INIT_TIMEOUT = key("queue.data_init_timeout", DURATION_TYPE, Duration.ofMinutes(2), "\"2m\"",
            "Wait for the 354 after DATA (RFC 5321 §4.5.3.2.4).");
    public static final Setting<Duration> DELIVERY_DATA_BLOCK_TIMEOUT = key("queue.data_block_timeout", DURATION_TYPE, Duration.ofMinutes(3), "\"3m\"",
            "Longest a write of the content may stall (RFC 5321 §4.5.3.2.5).");
    public static final Setting<Duration> DELIVERY_DATA_END_TIMEOUT = key("queue.data_end_timeout", DURATION_TYPE, Duration.ofMinutes(10), "\"10m\"",
            "Wait for the reply after the final \".\" (RFC 5321 §4.5.3.2.6).");
    public static final Setting<Duration> DELIVERY_DNS_TIMEOUT = key("queue.dns_timeout", DURATION_TYPE, null, "absent",
            "Older name of dns.timeout, still accepted; used when dns.timeout is absent. Setting both is an error.");

    // ------------------------------------------------------------------ dns (dev.surel.dns.DnsSettings)
    public static final Setting<List<HostPort>> DNS_RESOLVER = key("dns.resolver", ValueType.HOST_PORTS, List.of(),
            "absent: queue.resolver if set, else the system's resolvers (/etc/resolv.conf)",
            "Recursive DNS server(s) asked for every lookup (MX, A/AAAA, TXT, TLSA, PTR), \"host:port\" or an array asked "
                    + "in order: a timeout, SERVFAIL or REFUSED moves to the next. Answers are cached for their TTL, negative "
                    + "ones as RFC 2308 §5 says. DANE (TLSA) trusts only answers with the AD bit, so for DANE the servers must "
                    + "validate DNSSEC and be reached over a trusted path, e.g. a local unbound on 127.0.0.1:53.");
    public static final Setting<Duration> DNS_TIMEOUT = key("dns.timeout", DURATION_TYPE, Duration.ofSeconds(10),
            "\"10s\" (or queue.dns_timeout)",
            "One DNS query to one server; when every server times out the lookup is a temporary failure (a delivery is deferred).");
    public static final Setting<Integer> DNS_CACHE_SIZE = key("dns.cache_size", COUNT, 10_000, "10000",
            "Most DNS answers kept in the cache (the least recently used go first). 0: no cache.");

    // ------------------------------------------------------------------ mail_auth (dev.surel.mailauth.MailAuthSettings)
    private static ValueType<String> action(String allowed, java.util.function.Consumer<String> check) {
        return STRING.map(allowed, v -> {
            check.accept(v);
            return v;
        });
    }

    public static final Setting<Boolean> MAIL_AUTH_INBOUND = key("mail_auth.inbound", ValueType.BOOLEAN, true, "true",
            "Check mail arriving on port 25: SPF (at MAIL FROM), DKIM (every signature, both algorithms) and DMARC (RFC 7489) at "
                    + "the end of DATA / BDAT LAST, with an Authentication-Results field (RFC 8601, authserv-id = hostname) "
                    + "prepended to the delivered message and any incoming one claiming our host name removed. Submission "
                    + "(587, 465) is never checked. false: none of this.");
    public static final Setting<String> MAIL_AUTH_DMARC_REJECT = key("mail_auth.dmarc_reject",
            action("\"reject\", \"quarantine\" or \"mark\"", dev.surel.mailauth.MailAuthSettings.Action::parse), "reject", "\"reject\"",
            "What a message that fails DMARC gets when the From domain's policy is p=reject (after pct= sampling): \"reject\" "
                    + "(550 5.7.1 at the end of the data, nothing queued), \"quarantine\" (delivered to the recipient's Junk "
                    + "mailbox, RFC 6154 \\Junk) or \"mark\" (INBOX, only the Authentication-Results field tells).");
    public static final Setting<String> MAIL_AUTH_DMARC_QUARANTINE = key("mail_auth.dmarc_quarantine",
            action("\"reject\", \"quarantine\" or \"mark\"", dev.surel.mailauth.MailAuthSettings.Action::parse), "quarantine",
            "\"quarantine\"", "What a message that fails DMARC gets under p=quarantine (or p=reject outside its pct= sample): "
                    + "reject, quarantine (Junk) or mark.");
    public static final Setting<String> MAIL_AUTH_SPF_FAIL = key("mail_auth.spf_fail",
            action("\"reject\", \"quarantine\" or \"mark\"", dev.surel.mailauth.MailAuthSettings.Action::parse), "mark", "\"mark\"",
            "What a message whose SPF result is fail gets when DMARC has no policy for it (no record, or an unusable one): "
                    + "reject, quarantine (Junk) or mark. With a DMARC policy, DMARC decides.");
    public static final Setting<String> MAIL_AUTH_TEMPERROR = key("mail_auth.temperror",
            action("\"mark\" or \"defer\"", dev.surel.mailauth.MailAuthSettings.TempAction::parse), "mark", "\"mark\"",
            "What a message gets when a DNS lookup of the checks failed for now (dkim/dmarc temperror): \"mark\" (accepted, "
                    + "Authentication-Results says temperror) or \"defer\" (451 4.4.3, the sender retries). Never refused.");
    public static final Setting<Integer> MAIL_AUTH_MAX_SIGNATURES = key("mail_auth.max_signatures", POSITIVE, 10, "10",
            "Most DKIM-Signature fields verified per message, top first (RFC 6376 §8.4); the rest are ignored. Also the "
                    + "most ARC sets validated (RFC 8617 allows 50): a longer chain is arc=fail.");
    public static final Setting<List<String>> MAIL_AUTH_ARC_TRUSTED_SEALERS = key("mail_auth.arc_trusted_sealers", STRING_LIST,
            List.of(), "[]",
            "Domains whose ARC seals (RFC 8617, the d= of an ARC-Seal) are trusted, e.g. a mailing list host or a forwarding "
                    + "service the users receive through (a domain also covers its subdomains). A message that fails DMARC "
                    + "is delivered without the policy's reject or quarantine when its ARC chain passes here and a trusted "
                    + "sealer's ARC-Authentication-Results says DMARC passed, or DKIM or SPF passed aligned with the From "
                    + "domain, when the message reached it (RFC 8617 §7.2.1). Empty: ARC is checked and reported, never trusted.");

    // ------------------------------------------------------------------ filter (dev.surel.filter.FilterSettings)
    public static final Setting<Boolean> FILTER_ENABLED = key("filter.enabled", ValueType.BOOLEAN, true, "true",
            "Score port 25 mail for spam and scan it for malware (docs/filtering.md): header rules, GTUBE, the mail_auth "
                    + "results, the dnsbl zones, and clamd and rspamd when set. Every delivered port 25 message gets X-Spam-Score "
                    + "and X-Spam-Status fields (incoming ones are removed). Submission (587, 465) is never filtered. false: none of this.");
    public static final Setting<Double> FILTER_JUNK_SCORE = key("filter.junk_score", ValueType.NUMBER, 5.0, "5.0",
            "From this score on a message is spam: delivered to the recipient's Junk mailbox (RFC 6154 \\Junk), X-Spam-Status: Yes.");
    public static final Setting<Double> FILTER_REJECT_SCORE = key("filter.reject_score", ValueType.NUMBER, 15.0, "15.0",
            "From this score on a message is refused at the end of DATA / BDAT LAST with 550 5.7.1 (nothing queued). "
                    + "At least junk_score.");
    public static final Setting<List<String>> FILTER_DNSBL = key("filter.dnsbl", STRING_LIST, List.of(), "[] (none)",
            "DNS blocklist zones asked about the client's address (RFC 5782), e.g. [\"zen.spamhaus.org\"] (mind the list's "
                    + "terms of use and that public resolvers are often refused). Each zone that lists the client adds dnsbl_score. "
                    + "The lookups run through the [dns] resolver while the data arrives; a failure or timeout adds nothing.");
    public static final Setting<Double> FILTER_DNSBL_SCORE = key("filter.dnsbl_score", ValueType.NUMBER, 4.0, "4.0",
            "Points added for each dnsbl zone that lists the client.");
    public static final Setting<String> FILTER_CLAMD = key("filter.clamd", STRING, null, "absent: no malware scanning",
            "clamd's address, \"host:port\" (its TCPSocket) or an absolute path (its LocalSocket). Each port 25 message is "
                    + "streamed to it (INSTREAM); malware is refused with 554 5.7.1.");
    public static final Setting<String> FILTER_RSPAMD = key("filter.rspamd", STRING, null, "absent: no rspamd",
            "rspamd's normal worker, \"http://127.0.0.1:11333\". Each port 25 message is sent to POST /checkv2; when rspamd "
                    + "answers, its symbols and score replace Surel's own rules (GTUBE kept), its action reject refuses "
                    + "(550 5.7.1), soft reject defers (451 4.7.1).");
    public static final Setting<String> FILTER_ON_SCANNER_FAILURE = key("filter.on_scanner_failure",
            action("\"tempfail\" or \"accept\"", dev.surel.filter.FilterSettings.OnFailure::parse), "tempfail", "\"tempfail\"",
            "When clamd or rspamd is down, too slow or answers nonsense: \"tempfail\" (451 4.7.1, the sender retries) or "
                    + "\"accept\" (taken without that scanner, logged, X-Spam-Status names CLAMD_UNAVAILABLE / RSPAMD_UNAVAILABLE).");
    public static final Setting<Duration> FILTER_CONNECT_TIMEOUT = key("filter.scanner_connect_timeout", DURATION_TYPE,
            Duration.ofSeconds(5), "\"5s\"", "Connecting to clamd or rspamd.");
    public static final Setting<Duration> FILTER_TIMEOUT = key("filter.scanner_timeout", DURATION_TYPE, Duration.ofSeconds(60), "\"60s\"",
            "One scan by clamd or rspamd, sending the message and reading the answer; also the longest wait for the dnsbl answers.");
    public static final Setting<Boolean> FILTER_BAYES = key("filter.bayes", ValueType.BOOLEAN, true, "true",
            "A Bayesian classifier per user (docs/filtering.md): trained when the user moves or copies mail into the Junk "
                    + "mailbox over IMAP (spam) or moves it out of Junk into any mailbox but Trash (ham); once it has at least 10 "
                    + "of each, port 25 mail it finds spam (probability 0.9 or more) gets BAYES_SPAM (+bayes_weight) and ham "
                    + "(0.1 or less) BAYES_HAM (-bayes_weight) at delivery to that user. Needs enabled = true to score.");
    public static final Setting<Double> FILTER_BAYES_WEIGHT = key("filter.bayes_weight", ValueType.NUMBER, 3.0, "3.0",
            "Points of BAYES_SPAM (added) and BAYES_HAM (subtracted). At least 0.");
    public static final Setting<Integer> FILTER_BAYES_MAX_TOKENS = key("filter.bayes_max_tokens", POSITIVE, 100_000, "100000",
            "Most tokens (words, link hosts) a user's classifier keeps; past it the ones seen in the fewest messages, least "
                    + "recently trained first, are pruned to 90% of it; also the most trained messages it remembers (to count each once), "
                    + "the oldest forgotten first. At least 1000.");
    public static final Setting<Long> FILTER_SCAN_LIMIT = key("filter.scan_limit", BYTES, 25L << 20, "\"25M\"",
            "Larger messages are not sent to clamd or rspamd (taken, logged; X-Spam-Status names CLAMD_SKIPPED_SIZE / "
                    + "RSPAMD_SKIPPED_SIZE). Keep it at most clamd's StreamMaxLength (25M by default).");

    // ------------------------------------------------------------------ greylist (dev.surel.filter.GreylistSettings)
    public static final Setting<Boolean> GREYLIST_ENABLED = key("greylist.enabled", ValueType.BOOLEAN, false, "false",
            "Greylist port 25 mail (RFC 6647, docs/filtering.md): the first RCPT TO of an unknown (client network, sender, "
                    + "recipient) triplet gets 451 4.7.1 and a retry after delay is accepted. Submission (587, 465) and "
                    + "authenticated clients are never greylisted.");
    public static final Setting<Duration> GREYLIST_DELAY = key("greylist.delay", DURATION_TYPE, Duration.ofMinutes(5), "\"5m\"",
            "A triplet's retry passes from this long after its first attempt; earlier retries get 451 4.7.1 again.");
    public static final Setting<Duration> GREYLIST_RETRY_WINDOW = key("greylist.retry_window", DURATION_TYPE, Duration.ofHours(24),
            "\"24h\"", "A triplet not retried within this of its first attempt is forgotten: a later attempt is greylisted anew. "
                    + "More than delay.");
    public static final Setting<Duration> GREYLIST_EXPIRY = key("greylist.expiry", DURATION_TYPE, Duration.ofDays(35), "\"35d\"",
            "A triplet that passed (and an auto-whitelisted client network) is remembered until it sends nothing for this long.");
    public static final Setting<List<String>> GREYLIST_EXEMPT = key("greylist.exempt", STRING_LIST,
            List.of("127.0.0.0/8", "::1/128"), "[\"127.0.0.0/8\", \"::1/128\"]",
            "Client networks (CIDR) never greylisted, e.g. partners' and backup MX servers. Loopback is exempt unless the list "
                    + "leaves it out.");
    public static final Setting<List<String>> GREYLIST_EXEMPT_RECIPIENTS = key("greylist.exempt_recipients", STRING_LIST,
            List.of("postmaster@", "abuse@"), "[\"postmaster@\", \"abuse@\"]",
            "Recipients never greylisted: \"local@\" (that local part at every domain), \"@domain\" (every address of a "
                    + "domain) or a whole address; compared without case.");
    public static final Setting<Integer> GREYLIST_AUTO_WHITELIST = key("greylist.auto_whitelist", COUNT, 5, "5",
            "A client network whose triplets passed greylisting this many times is no longer greylisted (until it sends "
                    + "nothing for expiry). 0: never.");
    public static final Setting<Integer> GREYLIST_IPV4_PREFIX = key("greylist.ipv4_prefix", COUNT, 24, "24",
            "An IPv4 client counts as its network of this prefix length (0..32) in the triplet: a sender's pool retries from "
                    + "another address of it.");
    public static final Setting<Integer> GREYLIST_IPV6_PREFIX = key("greylist.ipv6_prefix", COUNT, 64, "64",
            "An IPv6 client counts as its network of this prefix length (0..128) in the triplet.");

    // ------------------------------------------------------------------ imap
    public static final Setting<Integer> IMAP_MAX_LINE = key("imap.max_line_length", POSITIVE, 65_536, "65536",
            "Longest IMAP command line in octets without CRLF (literals not counted; RFC 9051 §4 asks for at least 8000). "
                    + "A longer line gets * BYE and the connection closes.");
    public static final Setting<Long> IMAP_MAX_LITERAL = key("imap.max_literal", BYTES, 65_536L, "65536 (64 KiB)",
            "Largest literal other than an APPEND message (mailbox names, search strings, passwords), and the total of such "
                    + "literals in one command. A synchronizing literal above it is answered BAD; a non-synchronizing one "
                    + "(LITERAL+, RFC 7888) gets BAD and the connection closes.");
    public static final Setting<Long> IMAP_APPEND_LIMIT = key("imap.append_limit", BYTES, 64L * 1024 * 1024, "\"64M\"",
            "Largest message APPEND accepts, advertised as APPENDLIMIT (RFC 7889); store.max_message_size lowers it when smaller. "
                    + "Messages are streamed to disk, never held in memory.");
    public static final Setting<Integer> IMAP_MAX_NESTING = key("imap.max_nesting", POSITIVE, 32, "32",
            "Deepest nesting of parentheses, NOT and OR in one command; deeper is BAD.");
    public static final Setting<Duration> IMAP_IDLE_TIMEOUT = key("imap.idle_timeout", DURATION_TYPE, Duration.ofMinutes(30), "\"30m\"",
            "An authenticated connection (also in IDLE) with no traffic this long is closed with * BYE (RFC 9051 §5.4: at least 30 minutes).");
    public static final Setting<Duration> IMAP_LOGIN_TIMEOUT = key("imap.login_timeout", DURATION_TYPE, Duration.ofSeconds(60), "\"60s\"",
            "A connection that has not authenticated and sends nothing for this long is closed with * BYE.");
    public static final Setting<Integer> IMAP_MAX_FAILED_LOGINS = key("imap.max_failed_logins", POSITIVE, 3, "3",
            "Failed LOGIN/AUTHENTICATE attempts on one connection before * BYE (the account and IP throttle of [auth.throttle] applies as well).");
    public static final Setting<Integer> IMAP_MAX_UNAUTH_COMMANDS = key("imap.max_unauthenticated_commands", POSITIVE, 30, "30",
            "Commands accepted before authentication on one connection; then * BYE.");
    public static final Setting<Duration> IMAP_APPEND_DEADLINE = key("imap.append_deadline", DURATION_TYPE,
            dev.surel.imap.ImapSettings.DEFAULT_APPEND_DEADLINE, "\"30m\"",
            "Longest time one APPEND message literal may take to arrive, from the continuation request (for a LITERAL+ "
                    + "literal, the end of the line announcing it) to its last octet; each message of a MULTIAPPEND has its "
                    + "own. Past it: * BYE and the connection closes (the IMAP counterpart of smtp.data_deadline; "
                    + "limits.command_deadline bounds the other literals). Must be > 0.");

    // ------------------------------------------------------------------ pop3
    public static final Setting<String> POP3_POLICY = key("pop3.policy",
            STRING.map("\"delete\", \"hide\" or \"keep:<days>d\"", p -> {
                dev.surel.maildrop.LeavePolicy.parse(p);
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

    // ------------------------------------------------------------------ sieve (dev.surel.sieve.SieveSettings)
    public static final Setting<Long> SIEVE_MAX_SCRIPT_SIZE = key("sieve.max_script_size", BYTES, 1L << 20, "\"1M\"",
            "Largest Sieve script a user may store, in octets (ManageSieve PUTSCRIPT, `surel sieve put`); larger is refused "
                    + "with NO (QUOTA/MAXSIZE) (RFC 5804 §1.3). At least 1.");
    public static final Setting<Integer> SIEVE_MAX_SCRIPTS = key("sieve.max_scripts", POSITIVE, 100, "100",
            "Most Sieve scripts one user may keep; another is refused with NO (QUOTA/MAXSCRIPTS).");
    public static final Setting<String> SIEVE_BEFORE = key("sieve.before", STRING, null, "absent",
            "A Sieve script file (path relative to the config file) run at every local delivery before the user's active "
                    + "script, like Pigeonhole's sieve_before: site-wide filing rules. Read and compiled at start; a script that "
                    + "does not compile stops the start with its line. Its `stop` ends the whole run (RFC 6609 §3.2).");
    public static final Setting<String> SIEVE_AFTER = key("sieve.after", STRING, null, "absent",
            "A Sieve script file run at every local delivery after the user's active script (Pigeonhole's sieve_after); "
                    + "read and compiled at start.");

    // ------------------------------------------------------------------ managesieve (dev.surel.managesieve.ManageSieveSettings)
    public static final Setting<Duration> MANAGESIEVE_IDLE_TIMEOUT = key("managesieve.idle_timeout", DURATION_TYPE, Duration.ofMinutes(30),
            "\"30m\"", "A logged-in ManageSieve connection with no traffic this long is closed with BYE.");
    public static final Setting<Duration> MANAGESIEVE_LOGIN_TIMEOUT = key("managesieve.login_timeout", DURATION_TYPE, Duration.ofSeconds(60),
            "\"60s\"", "A ManageSieve connection that has not authenticated and sends nothing for this long is closed with BYE.");
    public static final Setting<Integer> MANAGESIEVE_MAX_LINE = key("managesieve.max_line_length", POSITIVE, 8192, "8192",
            "Longest ManageSieve command line in octets without CRLF (literals not counted); a longer line gets BYE and "
                    + "the connection closes (its literals could not be told from commands). At least 512.");
    public static final Setting<Integer> MANAGESIEVE_MAX_UNAUTH_COMMANDS = key("managesieve.max_unauthenticated_commands", POSITIVE, 30,
            "30", "Commands accepted before authentication on one ManageSieve connection; then BYE.");
    public static final Setting<Integer> MANAGESIEVE_MAX_FAILED_LOGINS = key("managesieve.max_failed_logins", POSITIVE, 3, "3",
            "Failed AUTHENTICATE attempts on one connection before BYE (the throttle of [auth.throttle] applies as well).");

    // ------------------------------------------------------------------ search (dev.surel.fulltext.FullTextSettings)
    public static final Setting<Boolean> SEARCH_FULL_TEXT = key("search.full_text", ValueType.BOOLEAN, true, "true",
            "Keep a full-text index of every message (character trigrams of the decoded header and body text, up to "
                    + "1 Mi chars per message) under the data directory's fts/, updated after each delivery, APPEND, COPY "
                    + "and expunge and rebuilt by itself when lost, corrupt or outdated. IMAP SEARCH BODY / TEXT then reads "
                    + "only the messages the index names; answers stay exactly those of reading every message (RFC 9051 "
                    + "§6.4.4 substrings). false: no index, every such SEARCH reads the mailbox's messages.");

    // ------------------------------------------------------------------ mime (dev.surel.protocol.mime.MimeSettings)
    public static final Setting<Integer> MIME_MAX_HEADER_BYTES = key("mime.max_header_bytes", ValueType.INT_BYTES, 256 * 1024,
            "262144 (256 KiB)", "Largest header block (of the message or of a part) whose fields are parsed. A message with a "
                    + "longer one is refused at intake (SMTP 552 5.3.4, IMAP APPEND NO [LIMIT]), so SEARCH and HEADER.FIELDS "
                    + "always see every field BODY[HEADER] shows. At least 1024.");
    public static final Setting<Integer> MIME_MAX_LINE_BYTES = key("mime.max_line_bytes", ValueType.INT_BYTES, 64 * 1024,
            "65536 (64 KiB)", "Bytes of one line kept; the rest of a longer line is counted and dropped (a longer body line "
                    + "is never a boundary). A message with a longer header line is refused at intake, like a long header. At least 1024.");
    public static final Setting<Integer> MIME_MAX_DEPTH = key("mime.max_depth", POSITIVE, 100, "100",
            "Multipart and message/rfc822 nesting deeper than this is one opaque application/octet-stream part.");
    public static final Setting<Integer> MIME_MAX_PARTS = key("mime.max_parts", POSITIVE, 10_000, "10000",
            "Parts in one message; once reached, further boundaries of the current multipart are not recognised (the rest "
                    + "is epilogue) and nested containers become opaque.");
    public static final Setting<Integer> MIME_MAX_TEXT_CHARS = key("mime.max_text_chars", COUNT, 1024 * 1024, "1048576",
            "Characters of decoded text kept per part for IMAP SEARCH BODY/TEXT; text beyond it is not searched.");

    // ------------------------------------------------------------------ log
    public static final Setting<String> LOG_LEVEL = key("log.level",
            STRING.map("one of \"error\", \"warn\", \"info\", \"debug\", \"trace\"", l -> {
                if (!List.of("error", "warn", "info", "debug", "trace").contains(l)) throw new IllegalArgumentException("unknown level \"" + l + "\"");
                return l;
            }), "info", "\"info\"",
            "Log level: error, warn, info, debug or trace. The environment variable SUREL_LOG_LEVEL overrides it.");
    public static final Setting<String> LOG_FILE = key("log.file", STRING, null, "absent: standard error",
            "File `surel serve` writes its log to (relative to the configuration file), instead of standard error; "
                    + "rolled over daily and whenever it reaches max_size, old files gzipped beside it as "
                    + "NAME.YYYY-MM-DD.N.log.gz (see docs/operations.md). Its directory must exist and be writable "
                    + "by the server's user; otherwise the start stops.");
    public static final Setting<String> LOG_FORMAT = key("log.format",
            STRING.map("\"text\" or \"json\"", f -> {
                if (!List.of("text", "json").contains(f)) throw new IllegalArgumentException("unknown format \"" + f + "\"");
                return f;
            }), "text", "\"text\"",
            "\"text\": one line per event (time, level, thread, logger, message); \"json\": one JSON object per line "
                    + "(Logback's JsonEncoder: timestamp in epoch ms, level, threadName, loggerName, mdc, kvpList, "
                    + "formattedMessage, throwable). Applies to the file, or to standard error when there is no file.");
    public static final Setting<Long> LOG_MAX_SIZE = key("log.max_size", BYTES, 100L << 20, "\"100M\"",
            "Size at which the log file is rolled over (besides the daily rollover at midnight, local time). At least 1K.");
    public static final Setting<Integer> LOG_MAX_HISTORY = key("log.max_history", COUNT, 30, "30",
            "Days of rolled-over log files kept; older ones are deleted (at rollover and at start). 0 keeps them all "
                    + "(max_total_size must then be 0 too).");
    public static final Setting<Long> LOG_MAX_TOTAL_SIZE = key("log.max_total_size", BYTES, 2L << 30, "\"2G\"",
            "Upper bound of all rolled-over log files together (counted within max_history's days); beyond it the "
                    + "oldest are deleted. 0 = no bound.");

    public static final List<Setting<?>> ALL = List.copyOf(KEYS);
}
