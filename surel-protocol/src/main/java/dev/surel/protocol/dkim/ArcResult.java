package dev.surel.protocol.dkim;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of ARC validation (RFC 8617 §5.2), named as in the Authentication-Results
 * registry (§10.1: none, pass, fail).
 *
 * @param verdict none (no ARC fields), pass or fail
 * @param reason  why, for the Authentication-Results comment
 * @param sets    the chain's sets in instance order when it was well-formed (empty otherwise);
 *                a receiver trusts what a set's results say only when the verdict is pass
 */
public record ArcResult(Verdict verdict, String reason, List<ArcChain.ArcSet> sets) {

    public ArcResult {
        sets = List.copyOf(sets);
    }

    public enum Verdict {
        NONE, PASS, FAIL;

        /** The name in an Authentication-Results field. */
        public String rfc8601() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The cv= a sealer that adds the next set writes (RFC 8617 §5.1.1). */
        public ArcSeal.ChainStatus chainStatus() {
            return switch (this) {
                case NONE -> ArcSeal.ChainStatus.NONE;
                case PASS -> ArcSeal.ChainStatus.PASS;
                case FAIL -> ArcSeal.ChainStatus.FAIL;
            };
        }
    }

    static ArcResult none(String reason) {
        return new ArcResult(Verdict.NONE, reason, List.of());
    }

    static ArcResult fail(String reason) {
        return new ArcResult(Verdict.FAIL, reason, List.of());
    }
}
