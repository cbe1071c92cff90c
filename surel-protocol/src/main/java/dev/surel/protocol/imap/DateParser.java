package dev.surel.protocol.imap;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The two date forms of RFC 9051 §9: {@code date} (SEARCH BEFORE / ON / SINCE and the SENT*
 * keys) and {@code date-time} (APPEND). Digits are ASCII only; a bad date is a
 * {@link SyntaxException}.
 */
final class DateParser {

    private static final String MONTHS = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";

    private DateParser() { }

    /** date = date-text / DQUOTE date-text DQUOTE; date-text = date-day "-" date-month "-" date-year. */
    static LocalDate date(CommandCursor c) {
        boolean quoted = c.tryChar('"');
        String text = c.atom();
        if (quoted) c.expect('"');
        String[] p = text.split("-");
        if (p.length != 3 || p[0].isEmpty() || p[0].length() > 2 || p[2].length() != 4) throw new SyntaxException("bad date");
        try {
            return LocalDate.of(digits(p[2]), month(p[1]), digits(p[0]));
        } catch (NumberFormatException | DateTimeException e) {
            throw new SyntaxException("bad date");
        }
    }

    /** date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE (RFC 9051 §9). */
    static OffsetDateTime dateTime(CommandCursor c) {
        String s = c.quoted();
        if (s.length() == 26 && s.charAt(0) == ' ') s = "0" + s.substring(1);
        if (s.length() == 25) s = "0" + s; // one-digit day, lenient
        if (s.length() != 26 || s.charAt(2) != '-' || s.charAt(6) != '-' || s.charAt(11) != ' ' || s.charAt(20) != ' ') {
            throw new SyntaxException("bad date-time");
        }
        try {
            int day = digits(s.substring(0, 2));
            int mon = month(s.substring(3, 6));
            int year = digits(s.substring(7, 11));
            int hh = digits(s.substring(12, 14));
            int mm = digits(s.substring(15, 17));
            int ss = digits(s.substring(18, 20));
            if (s.charAt(14) != ':' || s.charAt(17) != ':') throw new SyntaxException("bad time");
            char sign = s.charAt(21);
            if (sign != '+' && sign != '-') throw new SyntaxException("bad zone");
            String z = s.substring(22, 26);
            int zh = digits(z.substring(0, 2));
            int zm = digits(z.substring(2, 4));
            ZoneOffset off = ZoneOffset.ofHoursMinutes(sign == '-' ? -zh : zh, sign == '-' ? -zm : zm);
            return OffsetDateTime.of(LocalDateTime.of(year, mon, day, hh, mm, ss), off);
        } catch (NumberFormatException | DateTimeException e) {
            throw new SyntaxException("bad date-time");
        }
    }

    /**
     * The value of ASCII digits: date-day, date-year, time and zone are DIGITs (RFC 9051 §9);
     * Integer.parseInt would also take a sign and other scripts' digits.
     */
    private static int digits(String d) {
        if (d.isEmpty() || !d.chars().allMatch(ch -> ch >= '0' && ch <= '9')) throw new NumberFormatException();
        return Integer.parseInt(d);
    }

    private static int month(String m) {
        int i = m.length() == 3 ? MONTHS.indexOf(m.toUpperCase(Locale.ROOT)) : -1;
        if (i < 0 || i % 3 != 0) throw new SyntaxException("bad month");
        return i / 3 + 1;
    }
}
