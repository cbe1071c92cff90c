package dev.surel.protocol.filter;

import java.util.List;
import java.util.Locale;

/**
 * A message's spam score: the sum of its {@link Contribution}s, and the header fields that tell
 * it (the SpamAssassin convention readers and Sieve filters know):
 * <pre>
 * X-Spam-Score: 7.5
 * X-Spam-Status: Yes, score=7.5 required=5.0 tests=GTUBE,DMARC_FAIL
 * </pre>
 * "Yes" when the score reaches the junk threshold. The tests list is folded (RFC 5322 §2.2.3)
 * so that no line passes 78 characters where it can be avoided.
 */
public record SpamScore(List<Contribution> contributions) {

    public SpamScore {
        contributions = List.copyOf(contributions);
    }

    /** The sum of the points. */
    public double total() {
        double t = 0;
        for (Contribution c : contributions) t += c.points();
        return t;
    }

    /** Whether the score reaches {@code threshold}. */
    public boolean reaches(double threshold) {
        return total() >= threshold;
    }

    /** The test names, comma-separated ("none" without any). */
    public String tests() {
        if (contributions.isEmpty()) return "none";
        StringBuilder b = new StringBuilder();
        for (Contribution c : contributions) {
            if (!b.isEmpty()) b.append(',');
            b.append(c.test());
        }
        return b.toString();
    }

    /** The two header fields, each ending in CRLF, for a junk threshold of {@code required}. */
    public String fields(double required) {
        String score = number(total());
        StringBuilder b = new StringBuilder("X-Spam-Score: ").append(score).append("\r\n");
        StringBuilder line = new StringBuilder("X-Spam-Status: ").append(reaches(required) ? "Yes" : "No").append(", score=")
                .append(score).append(" required=").append(number(required)).append(" tests=");
        String tests = tests();
        int start = 0;
        while (start < tests.length()) {
            int comma = tests.indexOf(',', start);
            String part = comma < 0 ? tests.substring(start) : tests.substring(start, comma + 1);
            if (line.length() + part.length() > 78 && line.charAt(line.length() - 1) == ',') {
                b.append(line).append("\r\n");
                line = new StringBuilder("\t");
            }
            line.append(part);
            start += part.length();
        }
        return b.append(line).append("\r\n").toString();
    }

    /** One decimal, '.' as separator. */
    public static String number(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
