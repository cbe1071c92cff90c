package dev.surel.protocol.sieve;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date extension's values (RFC 5260): parsing a header's date-time (RFC 5322 §3.3, with the
 * obsolete zones of §4.3), time zones written {@code +hhmm} (§4.1) and the date parts of §4.2.
 */
final class DateParts {

    private DateParts() {}

    private static final Pattern DATE = Pattern.compile(
            "^\\s*(?:[A-Za-z]{3}\\s*,\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+(\\d{2,4})\\s+(\\d{1,2})\\s*:\\s*(\\d{2})"
                    + "(?:\\s*:\\s*(\\d{2}))?\\s*([+-]\\d{4}|[A-Za-z]{1,5})?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    /** RFC 5322 §4.3 obsolete zones; military and unknown zones are -0000 (treated as +0000). */
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("ut", 0), Map.entry("gmt", 0),
            Map.entry("z", 0), Map.entry("edt", -4), Map.entry("est", -5), Map.entry("cdt", -5), Map.entry("cst", -6),
            Map.entry("mdt", -6), Map.entry("mst", -7), Map.entry("pdt", -7), Map.entry("pst", -8));
    private static final DateTimeFormatter STD11 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.ROOT);

    /** A header's date-time, in the zone it was written in, or null when it does not parse. */
    static ZonedDateTime parse(String value) {
        if (value.length() > 200) value = value.substring(0, 200);
        Matcher m = DATE.matcher(value);
        if (!m.find()) return null;
        try {
            int day = Integer.parseInt(m.group(1));
            Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
            if (month == null) return null;
            int year = Integer.parseInt(m.group(3));
            if (m.group(3).length() == 2) year += year < 50 ? 2000 : 1900; // RFC 5322 §4.3
            else if (m.group(3).length() == 3) year += 1900;
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            if (second == 60) second = 59;
            ZoneOffset zone = ZoneOffset.UTC;
            String z = m.group(7);
            if (z != null) {
                if (z.startsWith("+") || z.startsWith("-")) {
                    zone = zoneOffset(z);
                    if (zone == null) return null;
                } else {
                    zone = ZoneOffset.ofHours(ZONES.getOrDefault(z.toLowerCase(Locale.ROOT), 0));
                }
            }
            return ZonedDateTime.of(year, month, day, hour, minute, second, 0, zone);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code +hhmm} / {@code -hhmm} (RFC 5260 §4.1), or null. */
    static ZoneOffset zoneOffset(String z) {
        if (z.length() != 5 || (z.charAt(0) != '+' && z.charAt(0) != '-')) return null;
        for (int i = 1; i < 5; i++) if (z.charAt(i) < '0' || z.charAt(i) > '9') return null;
        int h = Integer.parseInt(z.substring(1, 3));
        int m = Integer.parseInt(z.substring(3, 5));
        if (h > 18 || m > 59 || (h == 18 && m > 0)) return null;
        int sign = z.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
    }

    /** A date part (RFC 5260 §4.2) of {@code t}; null for an unknown part. */
    static String part(ZonedDateTime t, String part) {
        return switch (part.toLowerCase(Locale.ROOT)) {
            case "year" -> String.format("%04d", t.getYear());
            case "month" -> String.format("%02d", t.getMonthValue());
            case "day" -> String.format("%02d", t.getDayOfMonth());
            case "date" -> String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
            case "julian" -> Long.toString(ChronoUnit.DAYS.between(LocalDate.of(1858, 11, 17), t.toLocalDate()));
            case "hour" -> String.format("%02d", t.getHour());
            case "minute" -> String.format("%02d", t.getMinute());
            case "second" -> String.format("%02d", t.getSecond());
            case "time" -> String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            case "iso8601" -> String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), isoZone(t.getOffset()));
            case "std11" -> STD11.format(t);
            case "zone" -> zone(t.getOffset());
            case "weekday" -> Integer.toString(t.getDayOfWeek().getValue() % 7);
            default -> null;
        };
    }

    static String zone(ZoneOffset o) {
        int s = o.getTotalSeconds();
        int a = Math.abs(s) / 60;
        return String.format("%s%02d%02d", s < 0 ? "-" : "+", a / 60, a % 60);
    }

    private static String isoZone(ZoneOffset o) {
        String z = zone(o);
        return z.substring(0, 3) + ":" + z.substring(3);
    }
}
