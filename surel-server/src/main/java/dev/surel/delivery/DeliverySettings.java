package dev.surel.delivery;

import dev.surel.net.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Outbound SMTP settings ({@code [queue]} keys of the delivery block in ConfigSchema).
 *
 * @param resolver                first {@code dns.resolver} server, used only by the transport that builds its own resolver (tests); null = the system's
 * @param relayHost               smarthost ({@code queue.relay_host}); null = deliver by MX
 * @param relayUser               AUTH user for the relay host, or null for no AUTH
 * @param relayPasswordFile       file holding the relay password (first line), or null
 * @param routes                  static routes, domain (lower-case) to host:port, tried before the relay host and DNS
 * @param heloName                the name in EHLO/HELO
 * @param smtpPort                the port MX and A/AAAA hosts are contacted on (25)
 * @param startTls                opportunistic STARTTLS (RFC 3207) when the peer offers it
 * @param connectTimeout          TCP connect
 * @param greetingTimeout         RFC 5321 §4.5.3.2.1 initial 220 (5 min)
 * @param commandTimeout          RFC 5321 §4.5.3.2.2/3 MAIL and RCPT (5 min); also EHLO, STARTTLS, AUTH, QUIT
 * @param dataInitTimeout         RFC 5321 §4.5.3.2.4 the 354 (2 min)
 * @param dataBlockTimeout        RFC 5321 §4.5.3.2.5 each write of the content (3 min)
 * @param dataEndTimeout          RFC 5321 §4.5.3.2.6 the reply after "." (10 min)
 * @param dnsTimeout              one DNS query ({@code dns.timeout}), same use
 */
public record DeliverySettings(HostPort resolver, HostPort relayHost, String relayUser, Path relayPasswordFile,
                               Map<String, HostPort> routes, String heloName, int smtpPort, boolean startTls,
                               Duration connectTimeout, Duration greetingTimeout,
                               Duration commandTimeout, Duration dataInitTimeout, Duration dataBlockTimeout,
                               Duration dataEndTimeout, Duration dnsTimeout) {

    public DeliverySettings {
        Objects.requireNonNull(heloName, "heloName");
        routes = Map.copyOf(routes);
        for (String d : routes.keySet()) {
            if (!d.equals(d.toLowerCase(Locale.ROOT))) throw new IllegalArgumentException("route domain must be lower-case: " + d);
        }
        if ((relayUser == null) != (relayPasswordFile == null)) {
            throw new IllegalArgumentException("relay_user and relay_password_file go together");
        }
        if (relayUser != null && relayHost == null) throw new IllegalArgumentException("relay_user without relay_host");
        if (smtpPort < 1 || smtpPort > 65535) throw new IllegalArgumentException("smtp_port " + smtpPort);
    }

    public static DeliverySettings defaults(String heloName) {
        return new DeliverySettings(null, null, null, null, Map.of(), heloName, 25, true,
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(2),
                Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofSeconds(10));
    }

    /** Same settings with other timeouts (tests use short ones). */
    public DeliverySettings withTimeouts(Duration all) {
        return new DeliverySettings(resolver, relayHost, relayUser, relayPasswordFile, routes, heloName, smtpPort, startTls,
                all, all, all, all, all, all, all);
    }

    public DeliverySettings withResolver(HostPort r) {
        return new DeliverySettings(r, relayHost, relayUser, relayPasswordFile, routes, heloName, smtpPort, startTls,
                connectTimeout, greetingTimeout, commandTimeout, dataInitTimeout, dataBlockTimeout,
                dataEndTimeout, dnsTimeout);
    }

    public DeliverySettings withRelay(HostPort host, String user, Path passwordFile) {
        return new DeliverySettings(resolver, host, user, passwordFile, routes, heloName, smtpPort, startTls,
                connectTimeout, greetingTimeout, commandTimeout, dataInitTimeout, dataBlockTimeout,
                dataEndTimeout, dnsTimeout);
    }

    public DeliverySettings withRoutes(Map<String, HostPort> r) {
        return new DeliverySettings(resolver, relayHost, relayUser, relayPasswordFile, r, heloName, smtpPort, startTls,
                connectTimeout, greetingTimeout, commandTimeout, dataInitTimeout, dataBlockTimeout,
                dataEndTimeout, dnsTimeout);
    }

    public DeliverySettings withSmtpPort(int port) {
        return new DeliverySettings(resolver, relayHost, relayUser, relayPasswordFile, routes, heloName, port, startTls,
                connectTimeout, greetingTimeout, commandTimeout, dataInitTimeout, dataBlockTimeout,
                dataEndTimeout, dnsTimeout);
    }
}
