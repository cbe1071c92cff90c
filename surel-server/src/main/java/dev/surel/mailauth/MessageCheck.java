package dev.surel.mailauth;

import dev.surel.mailauth.InboundVerdict.Disposition;
import dev.surel.protocol.authres.AuthResults;
import dev.surel.protocol.dkim.ArcResult;
import dev.surel.protocol.dkim.DkimResult;
import dev.surel.protocol.dkim.DkimStream;
import dev.surel.protocol.dmarc.Alignment;
import dev.surel.protocol.dmarc.DmarcEvaluator;
import dev.surel.protocol.dmarc.DmarcRecord;
import dev.surel.protocol.dmarc.DmarcResult;
import dev.surel.protocol.dmarc.FromDomains;
import dev.surel.protocol.dmarcreport.AggregateReport;
import dev.surel.protocol.filter.AuthOutcome;
import dev.surel.protocol.spf.SpfResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of one incoming message as its content streams by: the octets go to a
 * {@link DkimStream} (header section kept up to the header limit, body hashed incrementally,
 * nothing else held); {@link #finish} looks up the DKIM keys and the DMARC policy and decides.
 *
 * <p>Decisions (docs/mail-authentication.md):
 * <ul>
 *   <li>DKIM (RFC 6376): every signature up to the limit; each gets its own {@code dkim=} result.
 *       A signature with {@code l=} shorter than the body passes, but the A-R says so and it does
 *       not count for DMARC: content after {@code l=} is not covered and anyone can add it
 *       (RFC 6376 §8.2). A pass with a key in testing mode ({@code t=y}) does not count either
 *       (§3.6.1: such mail is treated as unsigned).</li>
 *   <li>DMARC (RFC 7489): evaluated per From domain, the strictest decides. A fail while a DKIM key
 *       or SPF lookup failed for now is temperror (the signature might have passed): DNS trouble
 *       never refuses mail unless {@code temperror = "defer"}.</li>
 *   <li>ARC (RFC 8617): the chain is validated and reported ({@code arc=}); a DMARC failure is
 *       lifted when a trusted sealer vouches for the From domain ({@link ArcTrust}).</li>
 *   <li>Policy: fail under p=reject: {@code dmarc_reject}; under p=quarantine:
 *       {@code dmarc_quarantine}; SPF fail when DMARC has no policy (none, permerror):
 *       {@code spf_fail}; temperror: {@code temperror}.</li>
 * </ul>
 */
public final class MessageCheck {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessageCheck.class);
    private final InboundAuth auth;
    private final InboundAuth.Spf spf;
    private final DkimStream stream;

    MessageCheck(InboundAuth auth, InboundAuth.Spf spf, DkimStream stream) {
        this.auth = auth;
        this.spf = spf;
        this.stream = stream;
    }

    /** The next octets of the message as the peer sent them (after dot-unstuffing). */
    public void write(byte[] b, int off, int len) {
        stream.write(b, off, len);
    }

    /** Ends the message: DNS lookups, DMARC, the verdict. */
    public InboundVerdict finish() {
        List<DkimResult> dkim = stream.finish(auth.clock().instant());
        boolean dkimTemp = dkim.stream().anyMatch(r -> r.verdict() == DkimResult.Verdict.TEMPERROR);
        boolean spfTemp = spf.outcome().result() == SpfResult.TEMPERROR;
        List<String> dkimPass = dkim.stream()
                .filter(r -> r.verdict() == DkimResult.Verdict.PASS && !r.unsignedBodyFollows() && !r.testing())
                .map(DkimResult::domain).toList();
        FromDomains.Outcome from = FromDomains.of(stream.fromValues());
        List<DmarcResult> dmarc = new ArrayList<>();
        for (DmarcResult r : auth.dmarc().evaluate(from, dkimPass, Optional.ofNullable(spf.passDomain()))) {
            if (r.verdict() == DmarcResult.Verdict.FAIL && (dkimTemp || spfTemp)) {
                r = new DmarcResult(DmarcResult.Verdict.TEMPERROR, r.fromDomain(), r.policyDomain(), r.requested(),
                        DmarcRecord.Policy.NONE, (dkimTemp ? "a DKIM key" : "SPF") + " lookup failed for now, DMARC cannot tell");
            }
            dmarc.add(r);
        }
        DmarcResult worst = DmarcEvaluator.strictest(dmarc);
        ArcResult arc = stream.arc();
        Optional<String> vouched = worst.verdict() == DmarcResult.Verdict.FAIL
                ? ArcTrust.vouch(arc, worst.fromDomain(), auth.settings()) : Optional.empty();
        String field = field(dkim, dmarc, worst, arc, vouched);
        // a DMARC failure a trusted ARC sealer vouched for is not scored as one (nor as a pass)
        InboundVerdict verdict = decide(worst, field, vouched).with(new AuthOutcome(spf.outcome().result(),
                !dkimPass.isEmpty() ? AuthOutcome.Dkim.PASS
                        : dkim.stream().anyMatch(r -> r.verdict() == DkimResult.Verdict.FAIL) ? AuthOutcome.Dkim.FAIL : AuthOutcome.Dkim.NONE,
                vouched.isPresent() ? DmarcResult.Verdict.NONE : worst.verdict()));
        report(dkim, dkimPass, dmarc, verdict, vouched.isPresent() ? worst : null, vouched.orElse(""));
        return verdict;
    }

    /**
     * Gives each DMARC outcome decided by a policy record to the aggregate reports (RFC 7489 §7.2,
     * Appendix C): the client address, what was done with the message, whether DKIM and SPF
     * passed aligned, and the raw results.
     */
    private void report(List<DkimResult> dkim, List<String> dkimPass, List<DmarcResult> dmarc, InboundVerdict verdict,
                        DmarcResult vouchedFor, String vouched) {
        String disposition = switch (verdict.disposition()) {
            case REJECT -> "reject";
            case JUNK -> "quarantine";
            default -> "none";
        };
        String spfDomain = spf.outcome().domain().isEmpty()
                ? (spf.mailFrom().isEmpty() ? spf.helo() : spf.mailFrom().substring(spf.mailFrom().lastIndexOf('@') + 1))
                : spf.outcome().domain();
        String spfScope = spf.mailFrom().isEmpty() ? "helo" : "mfrom";
        List<AggregateReport.AuthResult> dkimResults = dkim.stream()
                .map(r -> new AggregateReport.AuthResult(r.domain(), r.selector() == null ? "" : r.selector(), r.verdict().rfc8601())).toList();
        for (DmarcResult r : dmarc) {
            if (r.record().isEmpty() || r.policyDomain().isEmpty()) continue;
            DmarcRecord rec = r.record().get();
            String from = r.fromDomain();
            boolean dkimAligned = dkimPass.stream().anyMatch(d -> rec.dkimAlignment().aligned(d, from));
            boolean spfAligned = spf.passDomain() != null && rec.spfAlignment().aligned(spf.passDomain(), from);
            AggregateReport.Published published = new AggregateReport.Published(r.policyDomain().get(),
                    rec.dkimAlignment() == Alignment.STRICT ? "s" : "r", rec.spfAlignment() == Alignment.STRICT ? "s" : "r",
                    rec.policy().tag(), rec.subdomainPolicy().orElse(rec.policy()).tag(), rec.percent());
            AggregateReport.Row row = new AggregateReport.Row(spf.clientIp(), 1, disposition, dkimAligned ? "pass" : "fail",
                    spfAligned ? "pass" : "fail", from, spfDomain, dkimResults,
                    new AggregateReport.AuthResult(spfDomain, spfScope, spf.outcome().result().keyword()),
                    r == vouchedFor ? List.of(new AggregateReport.Reason("trusted_forwarder", vouched)) : List.of());
            try {
                auth.aggregate().accept(published, row);
            } catch (RuntimeException e) {
                log.warn("DMARC report row for {} not kept: {}", published.domain(), e.toString());
            }
        }
    }

    private InboundVerdict decide(DmarcResult worst, String field, Optional<String> vouched) {
        MailAuthSettings s = auth.settings();
        switch (worst.verdict()) {
            case FAIL -> {
                if (vouched.isPresent()) {
                    return new InboundVerdict(Disposition.ACCEPT, field, "DMARC fail for " + worst.fromDomain() + " lifted: "
                            + vouched.get());
                }
                MailAuthSettings.Action a = switch (worst.applied()) {
                    case REJECT -> s.dmarcReject();
                    case QUARANTINE -> s.dmarcQuarantine();
                    case NONE -> MailAuthSettings.Action.MARK;
                };
                String why = "DMARC policy of " + worst.policyDomain().orElse(worst.fromDomain()) + " (p=" + worst.requested().tag()
                        + ") for From domain " + worst.fromDomain() + ": no aligned DKIM or SPF pass";
                return verdict(a, field, why);
            }
            case TEMPERROR -> {
                return new InboundVerdict(s.temperror() == MailAuthSettings.TempAction.DEFER ? Disposition.DEFER : Disposition.ACCEPT,
                        field, "temporary DNS failure while checking DMARC of " + worst.fromDomain());
            }
            case NONE, PERMERROR -> {
                if (spf.outcome().result() == SpfResult.FAIL) {
                    return verdict(s.spfFail(), field, "SPF fail for " + spf.outcome().domain() + " and no DMARC policy");
                }
            }
            case PASS -> { }
        }
        return new InboundVerdict(Disposition.ACCEPT, field, worst.verdict().rfc8601());
    }

    private static InboundVerdict verdict(MailAuthSettings.Action a, String field, String why) {
        return new InboundVerdict(switch (a) {
            case REJECT -> Disposition.REJECT;
            case QUARANTINE -> Disposition.JUNK;
            case MARK -> Disposition.ACCEPT;
        }, field, why);
    }

    /** The Authentication-Results field (RFC 8601 §2.2, §2.7.1 dkim, §2.7.2 spf, RFC 7489 §11.2 dmarc, RFC 8617 §10.1 arc). */
    private String field(List<DkimResult> dkim, List<DmarcResult> dmarc, DmarcResult worst, ArcResult arc, Optional<String> vouched) {
        AuthResults ar = new AuthResults(auth.hostname());
        SpfCheck.SpfOutcome o = spf.outcome();
        boolean helo = o.identity().equals("helo") || spf.mailFrom().isEmpty();
        ar.add("spf", o.result().keyword(), o.explanation(), helo ? "smtp.helo" : "smtp.mailfrom", helo ? spf.helo() : spf.mailFrom());
        if (dkim.isEmpty()) {
            ar.add("dkim", "none", "no signature");
        }
        for (DkimResult r : dkim) {
            String comment = r.reason() + (r.unsignedBodyFollows() ? "; unsigned content after l=, not counted for DMARC" : "")
                    + (r.testing() ? "; key in testing mode (t=y), not counted for DMARC" : "");
            List<String> props = new ArrayList<>();
            prop(props, "header.d", r.domain());
            prop(props, "header.i", r.identity());
            prop(props, "header.s", r.selector());
            prop(props, "header.a", r.algorithm());
            prop(props, "header.b", r.signature().length() > 12 ? r.signature().substring(0, 12) : r.signature());
            ar.add("dkim", r.verdict().rfc8601(), comment, props.toArray(String[]::new));
        }
        ar.add("arc", arc.verdict().rfc8601(), arc.reason(), "smtp.remote-ip", spf.clientIp());
        for (DmarcResult r : dmarc) {
            String comment = (r.policyDomain().isPresent() ? "p=" + r.requested().tag() + " dis=" + r.applied().tag() + "; " : "") + r.reason()
                    + (vouched.isPresent() && r == worst ? "; policy not applied: " + vouched.get() : "");
            ar.add("dmarc", r.verdict().rfc8601(), comment, r.fromDomain().isEmpty() ? new String[0]
                    : new String[] {"header.from", r.fromDomain()});
        }
        return ar.field();
    }

    private static void prop(List<String> props, String name, String value) {
        if (value != null && !value.isEmpty()) {
            props.add(name);
            props.add(value);
        }
    }
}
