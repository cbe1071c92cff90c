package dev.surel.protocol.dkim;

import java.util.Locale;
import java.util.Optional;

/**
 * A parsed ARC-Seal field (RFC 8617 §4.1.3): a DKIM-like tag list with i (the instance), a, b,
 * d, s, cv (the chain validation status the sealer found) and optionally t. It has no bh, and
 * h= is not allowed (the seal covers the ARC sets, not chosen fields).
 *
 * @param instance     i=, 1 to {@link ArcChain#MAX_INSTANCES}
 * @param algorithmTag a= as written
 * @param algorithm    a=
 * @param signature    b= decoded
 * @param domain       d=, lower-cased
 * @param selector     s=
 * @param status       cv=
 */
public record ArcSeal(int instance, String algorithmTag, DkimAlgorithm algorithm, byte[] signature, String domain,
                      String selector, ChainStatus status) {

    /** The cv= values (RFC 8617 §4.4): what the sealer found of the chain before its own set. */
    public enum ChainStatus {
        NONE, PASS, FAIL;

        static Optional<ChainStatus> fromTag(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "none" -> Optional.of(NONE);
                case "pass" -> Optional.of(PASS);
                case "fail" -> Optional.of(FAIL);
                default -> Optional.empty();
            };
        }

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Parses the value of an ARC-Seal field (the text after the colon). */
    public static ArcSeal parse(String value) throws DkimException {
        TagList tags = TagList.parse(value);
        if (tags.get("h").isPresent()) {
            throw new DkimException("ARC-Seal has h= (RFC 8617 §4.1.3 does not allow it)");
        }
        int instance = instance(tags.require("i"));
        String a = tags.require("a");
        DkimAlgorithm algorithm = DkimAlgorithm.fromTag(a).orElseThrow(() -> new DkimException("unsupported algorithm a=" + a));
        byte[] b = DkimSignature.base64(tags.require("b"), "b");
        String d = tags.require("d").toLowerCase(Locale.ROOT);
        String s = tags.require("s");
        if (d.isEmpty() || s.isEmpty()) {
            throw new DkimException("empty d= or s=");
        }
        String cv = tags.require("cv");
        ChainStatus status = ChainStatus.fromTag(cv).orElseThrow(() -> new DkimException("unknown cv=" + cv));
        return new ArcSeal(instance, a, algorithm, b, d, s, status);
    }

    /** An i= value: a number from 1 to {@link ArcChain#MAX_INSTANCES} (RFC 8617 §4.2.1). */
    static int instance(String value) throws DkimException {
        if (value.isEmpty() || value.length() > 2 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DkimException("bad instance i=" + value);
        }
        int i = Integer.parseInt(value);
        if (i < 1 || i > ArcChain.MAX_INSTANCES) {
            throw new DkimException("instance i=" + i + " outside 1-" + ArcChain.MAX_INSTANCES);
        }
        return i;
    }
}
