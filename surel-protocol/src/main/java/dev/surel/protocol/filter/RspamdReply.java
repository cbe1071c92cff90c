package dev.surel.protocol.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * rspamd's answer to {@code POST /checkv2} (rspamd's HTTP protocol, "Rspamd protocol" in its
 * documentation): a JSON object with {@code score}, {@code required_score}, {@code action} ("no
 * action", "greylist", "add header", "rewrite subject", "soft reject", "reject") and
 * {@code symbols} (name to an object with its {@code score}).
 *
 * @param symbols the symbols with a non-zero score, as contributions (names made safe), largest first
 */
public record RspamdReply(double score, double requiredScore, Action action, List<Contribution> symbols) {

    /** rspamd's actions, as far as they matter here. */
    public enum Action {
        /** "reject": refuse (5xx). */
        REJECT,
        /** "soft reject": refuse for now (4xx). */
        SOFT_REJECT,
        /** Anything else ("no action", "add header", "rewrite subject", "greylist"): the score decides. */
        OTHER
    }

    /** Reads an answer; a malformed one is IllegalArgumentException. */
    public static RspamdReply parse(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> m)) throw new IllegalArgumentException("rspamd: not a JSON object");
        if (!(m.get("score") instanceof Double score) || !Double.isFinite(score)) throw new IllegalArgumentException("rspamd: no score");
        double required = m.get("required_score") instanceof Double d && Double.isFinite(d) ? d : Double.NaN;
        Action action = switch (m.get("action") instanceof String a ? a.toLowerCase(Locale.ROOT) : "") {
            case "reject" -> Action.REJECT;
            case "soft reject" -> Action.SOFT_REJECT;
            default -> Action.OTHER;
        };
        List<Contribution> symbols = new ArrayList<>();
        if (m.get("symbols") instanceof Map<?, ?> syms) {
            for (Map.Entry<?, ?> e : syms.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> sym && sym.get("score") instanceof Double p && p != 0 && Double.isFinite(p)) {
                    symbols.add(new Contribution(Contribution.name(String.valueOf(e.getKey())), p));
                }
            }
        }
        symbols.sort((a, b) -> Double.compare(Math.abs(b.points()), Math.abs(a.points())));
        return new RspamdReply(score, required, action, List.copyOf(symbols));
    }
}
