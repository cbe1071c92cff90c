package dev.surel.protocol.dmarc;

import java.util.Locale;
import java.util.Optional;

/**
 * The DMARC outcome for one RFC 5322.From domain (RFC 7489 §6.6.2-§6.6.4), named as in RFC 8601
 * §2.7.4.
 *
 * @param verdict      pass, fail, none (no policy), temperror, permerror
 * @param fromDomain   the RFC 5322.From domain evaluated ("" when none could be found)
 * @param policyDomain where the record was found (the From domain or its organizational domain), if any
 * @param requested    the policy the record asks for this From domain (p= or sp=), NONE without a record
 * @param applied      what the receiver should do: {@code requested} on fail, the next weaker one when
 *                     the message fell outside pct= (§6.6.4), NONE otherwise
 * @param reason       a short human-readable reason, for the Authentication-Results comment and logs
 * @param record       the policy record that decided a pass or fail (for aggregate reports, §7.2); empty otherwise
 */
public record DmarcResult(Verdict verdict, String fromDomain, Optional<String> policyDomain, DmarcRecord.Policy requested,
        DmarcRecord.Policy applied, String reason, Optional<DmarcRecord> record) {

    /** A result without a deciding record (none, temperror, permerror). */
    public DmarcResult(Verdict verdict, String fromDomain, Optional<String> policyDomain, DmarcRecord.Policy requested,
                       DmarcRecord.Policy applied, String reason) {
        this(verdict, fromDomain, policyDomain, requested, applied, reason, Optional.empty());
    }

    /** RFC 8601 §2.7.4 (and RFC 7489 §11.2) DMARC result values. */
    public enum Verdict {
        PASS, FAIL, NONE, TEMPERROR, PERMERROR;

        public String rfc8601() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The outcome decided by the pct= sample: a fail whose requested policy was weakened. */
    public boolean sampledOut() {
        return verdict == Verdict.FAIL && applied != requested;
    }

    static DmarcResult of(Verdict v, String from, String reason) {
        return new DmarcResult(v, from, Optional.empty(), DmarcRecord.Policy.NONE, DmarcRecord.Policy.NONE, reason);
    }
}
