package dev.surel.protocol.imap.search;

import dev.surel.protocol.mime.ContentFields;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient parser of an RFC 5322 §3.3 date-time as found in a Date: header, for SENTBEFORE /
 * SENTON / SENTSINCE (RFC 9051 §6.4.4: "the Date: header field ... disregarding time and
 * timezone"). Accepts comments, an absent day name, seconds, two- and three-digit years (RFC 5322
 * §4.3: 00-49 → 20xx, 50-99 and three digits → +1900) and the obsolete zone names UT, GMT, Z, EST,
 * EDT, CST, CDT, MST, MDT, PST, PDT (other letters: +0000, as RFC 5322 §4.3 says to treat military
 * zones). A missing zone is +0000.
 */
public final class DateHeader {

    private DateHeader() {
    }

    private static final Pattern DATE = Pattern.compile(
            "(?:[A-Za-z]+\\s*,\\s*)?(\\d{1,2})\\s*[- ]\\s*([A-Za-z]{3})[A-Za-z]*\\.?\\s*[- ]\\s*(\\d{2,4})"
                    + "\\s+(\\d{1,2})\\s*:\\s*(\\d{1,2})(?:\\s*:\\s*(\\d{1,2}))?\\s*([+-]\\d{4}|[A-Za-z]+)?");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("ut", 0), Map.entry("gmt", 0), Map.entry("z", 0),
            Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
            Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7));

    /** The date-time with the offset written in the header; empty when unparsable or null. */
    public static Optional<OffsetDateTime> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(ContentFields.stripComments(value));
        if (!m.find()) {
            return Optional.empty();
        }
        Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (month == null) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        } else if (m.group(3).length() == 3) {
            year += 1900;
        }
        try {
            LocalDateTime t = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Math.min(59, Integer.parseInt(m.group(6))));
            return Optional.of(OffsetDateTime.of(t, zone(m.group(7))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static ZoneOffset zone(String z) {
        if (z == null) {
            return ZoneOffset.UTC;
        }
        if (z.charAt(0) == '+' || z.charAt(0) == '-') {
            int h = Integer.parseInt(z.substring(1, 3));
            int min = Integer.parseInt(z.substring(3, 5));
            if (h > 18 || min > 59) {
                return ZoneOffset.UTC;
            }
            int sign = z.charAt(0) == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * h, sign * min);
        }
        return ZoneOffset.ofHours(ZONES.getOrDefault(z.toLowerCase(Locale.ROOT), 0));
    }
}
