package dev.surel.config;

import dev.surel.accounts.DirectorySettings;
import dev.surel.auth.AuthSettings;
import dev.surel.auth.ThrottleSettings;
import dev.surel.delivery.DeliverySettings;
import dev.surel.delivery.OutboundTlsSettings;
import dev.surel.dns.DnsSettings;
import dev.surel.imap.ImapSettings;
import dev.surel.net.CleartextPolicy;
import dev.surel.net.Endpoint;
import dev.surel.net.HostPort;
import dev.surel.net.NetSettings;
import dev.surel.pop3.Pop3Settings;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.queue.QueueSettings;
import dev.surel.smtp.SmtpSettings;
import dev.surel.store.StoreSettings;
import dev.surel.tls.TlsSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed configuration the server is wired from. Built by {@link ConfigLoader}; the settings
 * records of each part (store, auth, net, TLS) are derived from it in one place.
 */
public record SurelConfig(String hostname, Path dataDir, Map<Endpoint, HostPort> listen, ConfigValues values) {

    public SurelConfig {
        Map<Endpoint, HostPort> ordered = new EnumMap<>(Endpoint.class); // the ports file and logs list them in this order
        ordered.putAll(listen);
        listen = java.util.Collections.unmodifiableMap(ordered);
    }

    static SurelConfig from(ConfigValues v) {
        String host = Optional.ofNullable(v.get(ConfigSchema.HOSTNAME)).orElseGet(SurelConfig::machineHostname);
        Path data = v.isSet(ConfigSchema.DATA_DIR)
                ? v.path(v.get(ConfigSchema.DATA_DIR))
                : Path.of(ConfigSchema.DATA_DIR.defaultValue()).toAbsolutePath().normalize();
        Map<Endpoint, HostPort> listen = new EnumMap<>(Endpoint.class);
        for (Endpoint s : Endpoint.values()) {
            Setting<HostPort> key = listenKey(s);
            if (v.isSet(key)) {
                listen.put(s, v.get(key));
            } else if (!v.fromFile()) {
                listen.put(s, new HostPort("0.0.0.0", s.standardPort()));
            }
        }
        SurelConfig c = new SurelConfig(host, data, listen, v);
        c.validate();
        return c;
    }

    static Setting<HostPort> listenKey(Endpoint s) {
        return switch (s) {
            case SMTP -> ConfigSchema.LISTEN_SMTP;
            case SUBMISSION -> ConfigSchema.LISTEN_SUBMISSION;
            case SUBMISSIONS -> ConfigSchema.LISTEN_SUBMISSIONS;
            case IMAP -> ConfigSchema.LISTEN_IMAP;
            case IMAPS -> ConfigSchema.LISTEN_IMAPS;
            case POP3 -> ConfigSchema.LISTEN_POP3;
            case POP3S -> ConfigSchema.LISTEN_POP3S;
            case MANAGESIEVE -> ConfigSchema.LISTEN_MANAGESIEVE;
        };
    }

    /** Password hashing, verification cache and login throttling. */
    public AuthSettings auth() {
        return section("auth", () -> new AuthSettings(values.get(ConfigSchema.ARGON2_MEMORY),
                values.get(ConfigSchema.ARGON2_ITERATIONS), values.get(ConfigSchema.ARGON2_PARALLELISM),
                values.get(ConfigSchema.SCRAM_ITERATIONS), values.get(ConfigSchema.VERIFICATION_CACHE),
                new ThrottleSettings(values.get(ConfigSchema.THROTTLE_BASE), values.get(ConfigSchema.THROTTLE_MAX),
                        values.get(ConfigSchema.THROTTLE_WINDOW), values.get(ConfigSchema.THROTTLE_IP),
                        values.get(ConfigSchema.THROTTLE_ACCOUNT_IP), values.get(ConfigSchema.THROTTLE_REFUSAL),
                        values.get(ConfigSchema.THROTTLE_KEYS))));
    }

    /** Address resolution: sub-addressing, postmaster, alias depth. */
    public DirectorySettings directory() {
        return section("accounts", () -> new DirectorySettings(values.get(ConfigSchema.SUBADDRESS),
                Optional.ofNullable(values.get(ConfigSchema.POSTMASTER)), values.get(ConfigSchema.MAX_ALIAS_DEPTH)));
    }

    /** The mail store: horizons, quotas, limits. */
    public StoreSettings store() {
        return section("store", () -> new StoreSettings(values.get(ConfigSchema.TOMBSTONE_HORIZON),
                values.get(ConfigSchema.BLOB_GRACE), values.get(ConfigSchema.GC_INTERVAL),
                values.get(ConfigSchema.QUOTA_BYTES), values.get(ConfigSchema.QUOTA_MESSAGES),
                values.get(ConfigSchema.READ_CONNECTIONS), values.get(ConfigSchema.MAX_MESSAGE_SIZE),
                values.get(ConfigSchema.EVENT_QUEUE), values.get(ConfigSchema.MIN_FREE_SPACE)));
    }

    /** Connection limits and timeouts shared by every listener. */
    public NetSettings net() {
        return section("limits", () -> new NetSettings(values.get(ConfigSchema.MAX_CONNECTIONS),
                values.get(ConfigSchema.MAX_CONNECTIONS_PER_IP), values.get(ConfigSchema.IDLE_TIMEOUT),
                values.get(ConfigSchema.TLS_HANDSHAKE_TIMEOUT), values.get(ConfigSchema.MAX_LINE_LENGTH), null,
                values.get(ConfigSchema.SHUTDOWN_GRACE), values.get(ConfigSchema.COMMAND_DEADLINE)));
    }

    /** Certificates: configured files (paths relative to the config file) or, when absent, the generated self-signed one. */
    public TlsSettings tls() {
        return section("tls", () -> {
            String cert = values.get(ConfigSchema.TLS_CERT);
            String key = values.get(ConfigSchema.TLS_KEY);
            List<TlsSettings.SniCertificate> sni = values.get(ConfigSchema.TLS_SNI).stream()
                    .map(m -> new TlsSettings.SniCertificate(m.get("domain"), values.path(m.get("cert")), values.path(m.get("key"))))
                    .toList();
            return new TlsSettings(cert == null ? null : values.path(cert), key == null ? null : values.path(key), sni,
                    values.get(ConfigSchema.TLS_RELOAD_INTERVAL));
        });
    }

    /** Where mechanisms that reveal the password may be used without TLS. */
    public CleartextPolicy cleartext() {
        return section("auth", () -> CleartextPolicy.parse(values.get(ConfigSchema.CLEARTEXT_NETWORKS)));
    }

    /** SMTP sessions: limits, submission rules ({@code [smtp]}). */
    public SmtpSettings smtp() {
        return section("smtp", () -> new SmtpSettings(values.get(ConfigSchema.SMTP_MAX_MESSAGE_SIZE),
                values.get(ConfigSchema.SMTP_MAX_RECIPIENTS), values.get(ConfigSchema.SMTP_MAX_COMMAND_LINE),
                values.get(ConfigSchema.SMTP_MAX_TEXT_LINE), values.get(ConfigSchema.SMTP_MAX_ERRORS),
                values.get(ConfigSchema.SMTP_MAX_RECEIVED), values.get(ConfigSchema.SMTP_COMMAND_TIMEOUT),
                values.get(ConfigSchema.SMTP_DATA_TIMEOUT), values.get(ConfigSchema.SMTP_DATA_DEADLINE)));
    }

    /** The delivery queue and outbound delivery ({@code [queue]}). */
    public QueueSettings queue() {
        return section("queue", () -> new QueueSettings(values.get(ConfigSchema.QUEUE_LIFETIME),
                values.get(ConfigSchema.QUEUE_RETRY_INITIAL), values.get(ConfigSchema.QUEUE_RETRY_MAX),
                values.get(ConfigSchema.QUEUE_MAX_PER_DOMAIN), values.get(ConfigSchema.QUEUE_MAX_DELIVERIES),
                values.get(ConfigSchema.QUEUE_DSN_MAX_RETURNED), values.get(ConfigSchema.QUEUE_DELAY_WARNING)));
    }

    /** Outbound SMTP delivery: resolver, relay host, routes, timeouts ({@code [queue]}, delivery block). */
    public DeliverySettings delivery() {
        DnsSettings dnsSettings = dns();
        return section("queue", () -> {
            java.util.Map<String, HostPort> routes = new java.util.LinkedHashMap<>();
            for (Map<String, String> r : values.get(ConfigSchema.DELIVERY_ROUTES)) {
                String domain = r.get("domain").toLowerCase(java.util.Locale.ROOT);
                if (routes.put(domain, HostPort.parse(r.get("host"))) != null) throw new IllegalArgumentException("two routes for " + domain);
            }
            String pw = values.get(ConfigSchema.DELIVERY_RELAY_PASSWORD_FILE);
            String helo = values.get(ConfigSchema.DELIVERY_HELO_NAME);
            List<HostPort> dns = dnsSettings.servers();
            return new DeliverySettings(dns.isEmpty() ? null : dns.getFirst(), values.get(ConfigSchema.DELIVERY_RELAY_HOST),
                    values.get(ConfigSchema.DELIVERY_RELAY_USER), pw == null ? null : values.path(pw), routes,
                    helo != null ? helo : hostname, values.get(ConfigSchema.DELIVERY_SMTP_PORT), values.get(ConfigSchema.DELIVERY_STARTTLS),
                    values.get(ConfigSchema.DELIVERY_CONNECT_TIMEOUT),
                    values.get(ConfigSchema.DELIVERY_GREETING_TIMEOUT), values.get(ConfigSchema.DELIVERY_COMMAND_TIMEOUT),
                    values.get(ConfigSchema.DELIVERY_DATA_INIT_TIMEOUT), values.get(ConfigSchema.DELIVERY_DATA_BLOCK_TIMEOUT),
                    values.get(ConfigSchema.DELIVERY_DATA_END_TIMEOUT), dnsSettings.timeout());
        });
    }

    /** MTA-STS and DANE for outbound delivery ({@code [queue]} mta_sts, dane, tls_ca_file, mta_sts_timeout). */
    public OutboundTlsSettings outboundTls() {
        return section("queue", () -> {
            String ca = values.get(ConfigSchema.DELIVERY_TLS_CA_FILE);
            return new OutboundTlsSettings(values.get(ConfigSchema.DELIVERY_MTA_STS), values.get(ConfigSchema.DELIVERY_DANE),
                    ca == null ? null : values.path(ca), values.get(ConfigSchema.DELIVERY_MTA_STS_TIMEOUT));
        });
    }

    /** The one DNS resolver's settings ({@code [dns]}; {@code queue.resolver} and {@code queue.dns_timeout} are older names). */
    public DnsSettings dns() {
        return section("dns", () -> {
            if (values.isSet(ConfigSchema.DNS_RESOLVER) && values.isSet(ConfigSchema.DELIVERY_RESOLVER)) {
                throw new IllegalArgumentException("dns.resolver and its older name queue.resolver are both set; keep dns.resolver");
            }
            if (values.isSet(ConfigSchema.DNS_TIMEOUT) && values.isSet(ConfigSchema.DELIVERY_DNS_TIMEOUT)) {
                throw new IllegalArgumentException("dns.timeout and its older name queue.dns_timeout are both set; keep dns.timeout");
            }
            HostPort old = values.get(ConfigSchema.DELIVERY_RESOLVER);
            List<HostPort> servers = old != null ? List.of(old) : values.get(ConfigSchema.DNS_RESOLVER);
            Duration oldTimeout = values.get(ConfigSchema.DELIVERY_DNS_TIMEOUT);
            return new DnsSettings(servers, oldTimeout != null ? oldTimeout : values.get(ConfigSchema.DNS_TIMEOUT),
                    values.get(ConfigSchema.DNS_CACHE_SIZE));
        });
    }

    /** Checks of incoming mail on port 25 ({@code [mail_auth]}); the header limit is {@code mime.max_header_bytes}. */
    public dev.surel.mailauth.MailAuthSettings mailAuth() {
        int headerLimit = values.get(ConfigSchema.MIME_MAX_HEADER_BYTES);
        return section("mail_auth", () -> new dev.surel.mailauth.MailAuthSettings(values.get(ConfigSchema.MAIL_AUTH_INBOUND),
                dev.surel.mailauth.MailAuthSettings.Action.parse(values.get(ConfigSchema.MAIL_AUTH_DMARC_REJECT)),
                dev.surel.mailauth.MailAuthSettings.Action.parse(values.get(ConfigSchema.MAIL_AUTH_DMARC_QUARANTINE)),
                dev.surel.mailauth.MailAuthSettings.Action.parse(values.get(ConfigSchema.MAIL_AUTH_SPF_FAIL)),
                dev.surel.mailauth.MailAuthSettings.TempAction.parse(values.get(ConfigSchema.MAIL_AUTH_TEMPERROR)),
                values.get(ConfigSchema.MAIL_AUTH_MAX_SIGNATURES), headerLimit, values.get(ConfigSchema.MAIL_AUTH_ARC_TRUSTED_SEALERS)));
    }

    /** Greylisting of port 25 mail ({@code [greylist]}, RFC 6647). */
    public dev.surel.filter.GreylistSettings greylist() {
        return section("greylist", () -> new dev.surel.filter.GreylistSettings(values.get(ConfigSchema.GREYLIST_ENABLED),
                values.get(ConfigSchema.GREYLIST_DELAY), values.get(ConfigSchema.GREYLIST_RETRY_WINDOW),
                values.get(ConfigSchema.GREYLIST_EXPIRY),
                values.get(ConfigSchema.GREYLIST_EXEMPT).stream().map(dev.surel.net.Cidr::parse).toList(),
                values.get(ConfigSchema.GREYLIST_EXEMPT_RECIPIENTS),
                values.get(ConfigSchema.GREYLIST_AUTO_WHITELIST), values.get(ConfigSchema.GREYLIST_IPV4_PREFIX),
                values.get(ConfigSchema.GREYLIST_IPV6_PREFIX), dev.surel.filter.GreylistSettings.defaults().purgeInterval()));
    }

    /** Spam scoring and malware scanning of port 25 mail ({@code [filter]}). */
    public dev.surel.filter.FilterSettings filter() {
        return section("filter", () -> {
            String clamd = values.get(ConfigSchema.FILTER_CLAMD);
            String rspamd = values.get(ConfigSchema.FILTER_RSPAMD);
            return new dev.surel.filter.FilterSettings(values.get(ConfigSchema.FILTER_ENABLED), values.get(ConfigSchema.FILTER_JUNK_SCORE),
                    values.get(ConfigSchema.FILTER_REJECT_SCORE), values.get(ConfigSchema.FILTER_DNSBL),
                    values.get(ConfigSchema.FILTER_DNSBL_SCORE), clamd == null ? null : dev.surel.filter.ScannerAddress.parse(clamd),
                    rspamd == null ? null : java.net.URI.create(rspamd),
                    dev.surel.filter.FilterSettings.OnFailure.parse(values.get(ConfigSchema.FILTER_ON_SCANNER_FAILURE)),
                    values.get(ConfigSchema.FILTER_CONNECT_TIMEOUT), values.get(ConfigSchema.FILTER_TIMEOUT),
                    values.get(ConfigSchema.FILTER_SCAN_LIMIT), dev.surel.filter.FilterSettings.defaults().gtubeBytes());
        });
    }

    /** The per-user Bayes classifier ({@code [filter]} bayes keys). */
    public dev.surel.filter.BayesSettings bayes() {
        return section("filter", () -> new dev.surel.filter.BayesSettings(values.get(ConfigSchema.FILTER_BAYES),
                values.get(ConfigSchema.FILTER_BAYES_WEIGHT), values.get(ConfigSchema.FILTER_BAYES_MAX_TOKENS)));
    }

    /** IMAP sessions ({@code [imap]}). */
    public ImapSettings imap() {
        return section("imap", () -> new ImapSettings(values.get(ConfigSchema.IMAP_MAX_LINE),
                values.get(ConfigSchema.IMAP_MAX_LITERAL), values.get(ConfigSchema.IMAP_APPEND_LIMIT),
                values.get(ConfigSchema.IMAP_MAX_NESTING), values.get(ConfigSchema.IMAP_IDLE_TIMEOUT),
                values.get(ConfigSchema.IMAP_LOGIN_TIMEOUT), values.get(ConfigSchema.IMAP_MAX_FAILED_LOGINS),
                values.get(ConfigSchema.IMAP_MAX_UNAUTH_COMMANDS), values.get(ConfigSchema.IMAP_APPEND_DEADLINE)));
    }

    /** POP3 sessions and the leave-on-server policy ({@code [pop3]}). */
    public Pop3Settings pop3() {
        return section("pop3", () -> new Pop3Settings(dev.surel.maildrop.LeavePolicy.parse(values.get(ConfigSchema.POP3_POLICY)),
                values.get(ConfigSchema.POP3_FOLDERS), values.get(ConfigSchema.POP3_IDLE_TIMEOUT),
                values.get(ConfigSchema.POP3_LOGIN_DELAY), values.get(ConfigSchema.POP3_MAX_MESSAGES),
                values.get(ConfigSchema.POP3_EXPIRE_INTERVAL)));
    }

    /** Limits of the stored Sieve scripts and the global scripts ({@code [sieve]}). */
    public dev.surel.sieve.SieveSettings sieve() {
        return section("sieve", () -> {
            String before = values.get(ConfigSchema.SIEVE_BEFORE);
            String after = values.get(ConfigSchema.SIEVE_AFTER);
            return new dev.surel.sieve.SieveSettings(values.get(ConfigSchema.SIEVE_MAX_SCRIPT_SIZE),
                    values.get(ConfigSchema.SIEVE_MAX_SCRIPTS), before == null ? null : values.path(before),
                    after == null ? null : values.path(after));
        });
    }

    /** ManageSieve sessions ({@code [managesieve]}). */
    public dev.surel.managesieve.ManageSieveSettings manageSieve() {
        return section("managesieve", () -> new dev.surel.managesieve.ManageSieveSettings(
                values.get(ConfigSchema.MANAGESIEVE_IDLE_TIMEOUT), values.get(ConfigSchema.MANAGESIEVE_LOGIN_TIMEOUT),
                values.get(ConfigSchema.MANAGESIEVE_MAX_LINE), values.get(ConfigSchema.MANAGESIEVE_MAX_UNAUTH_COMMANDS),
                values.get(ConfigSchema.MANAGESIEVE_MAX_FAILED_LOGINS)));
    }

    /** The full-text index of IMAP SEARCH ({@code [search]}). */
    public dev.surel.fulltext.FullTextSettings search() {
        return section("search", () -> new dev.surel.fulltext.FullTextSettings(values.get(ConfigSchema.SEARCH_FULL_TEXT)));
    }

    /** Limits of the MIME parser ({@code [mime]}): stored messages' structure, SEARCH text. */
    public MimeSettings mime() {
        return section("mime", () -> new MimeSettings(values.get(ConfigSchema.MIME_MAX_HEADER_BYTES),
                values.get(ConfigSchema.MIME_MAX_LINE_BYTES), values.get(ConfigSchema.MIME_MAX_DEPTH),
                values.get(ConfigSchema.MIME_MAX_PARTS), values.get(ConfigSchema.MIME_MAX_TEXT_CHARS)));
    }

    /** Where and how the server logs ({@code [log]}): level, file and its rollover, text or JSON. */
    public dev.surel.log.LogSettings log() {
        return section("log", () -> {
            String file = values.get(ConfigSchema.LOG_FILE);
            return new dev.surel.log.LogSettings(values.get(ConfigSchema.LOG_LEVEL), file == null ? null : values.path(file),
                    dev.surel.log.LogSettings.Format.parse(values.get(ConfigSchema.LOG_FORMAT)),
                    values.get(ConfigSchema.LOG_MAX_SIZE), values.get(ConfigSchema.LOG_MAX_HISTORY),
                    values.get(ConfigSchema.LOG_MAX_TOTAL_SIZE));
        });
    }

    /** Builds a part's settings record; its own checks (e.g. max_delay >= base_delay) become a ConfigException. */
    private static <T> T section(String table, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (RuntimeException e) {
            throw new ConfigException("[" + table + "]: " + e.getMessage());
        }
    }

    /** Builds every part's settings once, so a bad combination stops the start, not the first login. */
    void validate() {
        auth();
        directory();
        store();
        net();
        tls();
        cleartext();
        smtp();
        queue();
        dns();
        delivery();
        mailAuth();
        filter();
        bayes();
        greylist();
        imap();
        pop3();
        sieve();
        manageSieve();
        mime();
        search();
        log();
    }

    /**
     * The machine's name: its fully qualified name when the resolver knows one (a dotted name
     * that is not an address and not "localhost"), else the system host name.
     */
    private static String machineHostname() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String canonical = local.getCanonicalHostName();
            if (canonical.contains(".") && !canonical.equals(local.getHostAddress())
                    && !canonical.startsWith("localhost")) {
                return canonical;
            }
            String name = local.getHostName();
            if (name != null && !name.isBlank()) return name;
        } catch (UnknownHostException ignored) {
            // fall through
        }
        return "localhost";
    }
}
