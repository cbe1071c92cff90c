package dev.surel.filter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code [filter]} settings (docs/filtering.md, docs/configuration.md).
 *
 * @param enabled          score (and scan) port 25 mail at all
 * @param junkScore        from this score on, the message goes to the recipient's Junk mailbox
 * @param rejectScore      from this score on, the message is refused (550 5.7.1)
 * @param dnsbl            DNS blocklist zones asked about the client address (RFC 5782); empty: none
 * @param dnsblScore       points of each zone that lists the client
 * @param clamd            clamd's address, or null
 * @param rspamd           rspamd's base URI (http://host:port), or null
 * @param onFailure        what a scanner that is down, times out or answers nonsense gets
 * @param connectTimeout   connecting to a scanner
 * @param timeout          a whole scan (sending the message and reading the answer)
 * @param scanLimit        larger messages are not sent to the scanners (accepted, logged)
 * @param gtubeBytes       octets of the body searched for GTUBE
 */
public record FilterSettings(boolean enabled, double junkScore, double rejectScore, List<String> dnsbl, double dnsblScore,
                             ScannerAddress clamd, URI rspamd, OnFailure onFailure, Duration connectTimeout, Duration timeout,
                             long scanLimit, int gtubeBytes) {

    public FilterSettings {
        dnsbl = List.copyOf(dnsbl);
        if (!Double.isFinite(junkScore) || !Double.isFinite(rejectScore)) throw new IllegalArgumentException("thresholds must be numbers");
        if (rejectScore < junkScore) throw new IllegalArgumentException("reject_score " + rejectScore + " is below junk_score " + junkScore);
        for (String zone : dnsbl) {
            if (!zone.matches("(?i)[a-z0-9_-]+(\\.[a-z0-9_-]+)+\\.?")) throw new IllegalArgumentException("\"" + zone + "\" is not a DNS zone");
        }
        if (rspamd != null && !"http".equals(rspamd.getScheme())) throw new IllegalArgumentException("rspamd must be an http:// URI");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("scanner timeouts must be positive");
        }
    }

    /** The defaults: on, junk at 5, reject at 15, no blocklist, no scanners. */
    public static FilterSettings defaults() {
        return new FilterSettings(true, 5.0, 15.0, List.of(), 4.0, null, null, OnFailure.TEMPFAIL, Duration.ofSeconds(5),
                Duration.ofSeconds(60), 25L << 20, 64 * 1024);
    }

    /** Off: port 25 mail is neither scored nor scanned. */
    public static FilterSettings off() {
        FilterSettings d = defaults();
        return new FilterSettings(false, d.junkScore, d.rejectScore, List.of(), d.dnsblScore, null, null, d.onFailure,
                d.connectTimeout, d.timeout, d.scanLimit, d.gtubeBytes);
    }

    /** What a scanner failure gets. */
    public enum OnFailure {
        /** 451 4.7.1: the sender tries again later. */
        TEMPFAIL,
        /** The message is taken as if the scanner had found nothing (logged). */
        ACCEPT;

        public static OnFailure parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "tempfail" -> TEMPFAIL;
                case "accept" -> ACCEPT;
                default -> throw new IllegalArgumentException("\"" + s + "\" is not tempfail or accept");
            };
        }
    }
}
