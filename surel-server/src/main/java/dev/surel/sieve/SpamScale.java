package dev.surel.sieve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sieve's spamtest and virustest values (RFC 5235) from what the spam filter wrote into the
 * queued message's fields ({@code X-Spam-Score}, {@code X-Spam-Status ... tests=}).
 *
 * <p>spamtest (§3.2): 0 when the message was not scored; otherwise 1 ("certainly not spam") up
 * to 10 ("certainly spam"): scores below {@code junkScore} map onto 1..4, scores from
 * {@code junkScore} to {@code rejectScore} onto 5..10, so {@code spamtest :value "ge" "5"} means
 * what the server files into Junk. {@code :percent} maps the same ranges onto 0..49 and 50..100.
 * virustest (§3.3): 1 (clean) when clamd scanned the message ({@code CLAMD_CLEAN}), else 0 (not
 * tested): infected mail never reaches delivery.
 */
public record SpamScale(double junkScore, double rejectScore) {

    private static final Pattern SCORE = Pattern.compile("(?mi)^X-Spam-Score:[ \\t]*(-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern CLEAN = Pattern.compile("(?mi)^X-Spam-Status:.*\\bCLAMD_CLEAN\\b");

    public SpamScale {
        if (!(rejectScore > junkScore) || junkScore <= 0) {
            rejectScore = Math.max(junkScore, 0.1) * 3;
            junkScore = Math.max(junkScore, 0.1);
        }
    }

    public int value(String fields) {
        Double s = score(fields);
        if (s == null) return 0;
        if (s < junkScore) return 1 + (int) Math.floor(4 * Math.max(0, s) / junkScore);
        return Math.min(10, 5 + (int) Math.floor(6 * (s - junkScore) / (rejectScore - junkScore)));
    }

    public int percent(String fields) {
        Double s = score(fields);
        if (s == null) return -1;
        if (s < junkScore) return (int) Math.floor(49 * Math.max(0, s) / junkScore);
        return Math.min(100, 50 + (int) Math.floor(50 * (s - junkScore) / (rejectScore - junkScore)));
    }

    public int virus(String fields) {
        return CLEAN.matcher(fields).find() ? 1 : 0;
    }

    private static Double score(String fields) {
        Matcher m = SCORE.matcher(fields);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }
}
