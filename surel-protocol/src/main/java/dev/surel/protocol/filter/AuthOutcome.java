package dev.surel.protocol.filter;

import dev.surel.protocol.dmarc.DmarcResult;
import dev.surel.protocol.spf.SpfResult;

/**
 * The mail-authentication results of one message, as the {@link AuthRules} score them.
 *
 * @param spf   the SPF result (RFC 7208 §2.6)
 * @param dkim  whether a DKIM signature passed (and counts for DMARC), failed (and none passed), or neither
 * @param dmarc the strictest DMARC result (RFC 7489), NONE without a policy
 */
public record AuthOutcome(SpfResult spf, Dkim dkim, DmarcResult.Verdict dmarc) {

    /** Nothing was checked (mail_auth.inbound = false). */
    public static final AuthOutcome UNCHECKED = new AuthOutcome(SpfResult.NONE, Dkim.NONE, DmarcResult.Verdict.NONE);

    public enum Dkim { PASS, FAIL, NONE }
}
