package dev.surel.protocol.dkim;

import java.util.Locale;

/**
 * The outcome of one DKIM-Signature (RFC 6376 §6.1), named as in RFC 8601 §2.7.1.
 *
 * @param verdict            pass, fail, neutral, temperror or permerror
 * @param reason             why, for the Authentication-Results comment
 * @param domain             d= (empty when the field did not parse)
 * @param selector           s= (empty when the field did not parse)
 * @param algorithm          a= as written (empty when the field did not parse)
 * @param identity           i= (the AUID)
 * @param unsignedBodyFollows the body extends past l= (content an attacker could have appended)
 * @param testing            the key record has t=y
 * @param signature          the b= value as written, whitespace removed ("" when the field did not parse):
 *                           RFC 6008 header.b names a signature by its first characters
 */
public record DkimResult(Verdict verdict, String reason, String domain, String selector, String algorithm,
        String identity, boolean unsignedBodyFollows, boolean testing, String signature) {

    /** RFC 8601 §2.7.1 DKIM result values (none is the absence of any result). */
    public enum Verdict {
        PASS, FAIL, NEUTRAL, TEMPERROR, PERMERROR;

        /** The name in an Authentication-Results field. */
        public String rfc8601() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
