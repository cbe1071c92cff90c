package dev.surel.protocol.dmarc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * DMARC evaluation of one message (RFC 7489 §6.6.2-§6.6.4).
 *
 * <p>Policy discovery (§6.6.3): the TXT records at {@code _dmarc.<From domain>}; those not
 * starting with {@code v=DMARC1} are discarded; with none left, the same at
 * {@code _dmarc.<organizational domain>} (when that differs); none there either: {@code none}.
 * Several DMARC records at one name: {@code permerror} (no policy). A temporary DNS failure at
 * either step: {@code temperror}. A record found at the organizational domain for a different
 * From domain applies its {@code sp=} (else {@code p=}); one found at the From domain itself
 * applies {@code p=}.
 *
 * <p>Alignment (§3.1, §4.2): DMARC passes when a DKIM signature that passed has a d= aligned
 * with the From domain under adkim=, or SPF passed for a domain aligned under aspf= (the MAIL
 * FROM domain, or the HELO name for a null reverse-path, RFC 7208 §2.4). Otherwise it fails and
 * the requested policy applies to a sample of pct= percent of failing mail, the rest getting the
 * next weaker policy (§6.6.4), decided by the given random source (tests inject theirs).
 *
 * <p>At most two lookups per From domain, {@link FromDomains#MAX_DOMAINS} domains.
 *
 * @param lookup where policy records come from
 * @param random draws the pct= sample
 */
public record DmarcEvaluator(DmarcLookup lookup, RandomGenerator random) {

    /**
     * @param from            the message's From domains ({@link FromDomains#of})
     * @param dkimPassDomains the d= of every DKIM signature that passed
     * @param spfPassDomain   the domain SPF passed for, empty when SPF did not pass
     * @return one result per From domain (one result when there is no usable From domain)
     */
    public List<DmarcResult> evaluate(FromDomains.Outcome from, List<String> dkimPassDomains, Optional<String> spfPassDomain) {
        return switch (from) {
            case FromDomains.Absent a -> List.of(DmarcResult.of(DmarcResult.Verdict.NONE, "", "no From field (RFC 7489 §6.6.1)"));
            case FromDomains.Unusable u -> List.of(DmarcResult.of(DmarcResult.Verdict.PERMERROR, "", u.reason()));
            case FromDomains.Found f -> {
                List<DmarcResult> out = new ArrayList<>();
                for (String d : f.domains()) {
                    out.add(evaluateOne(d, dkimPassDomains, spfPassDomain));
                }
                yield out;
            }
        };
    }

    /**
     * The result that decides the message's handling: the strictest (§6.6.1, several From
     * domains): a fail with the strongest applied policy, then temperror, permerror, none, pass.
     */
    public static DmarcResult strictest(List<DmarcResult> results) {
        return results.stream().max(Comparator.comparingInt(DmarcEvaluator::rank)).orElseThrow();
    }

    private static int rank(DmarcResult r) {
        return switch (r.verdict()) {
            case FAIL -> 10 + r.applied().ordinal();
            case TEMPERROR -> 4;
            case PERMERROR -> 3;
            case NONE -> 2;
            case PASS -> 1;
        };
    }

    private DmarcResult evaluateOne(String fromDomain, List<String> dkimPassDomains, Optional<String> spfPassDomain) {
        String org = OrganizationalDomain.of(fromDomain);
        Discovery found = discover(fromDomain);
        boolean subdomain = false;
        String at = fromDomain;
        if (found instanceof NotFound && !org.equals(fromDomain)) {
            found = discover(org);
            subdomain = true;
            at = org;
        }
        DmarcRecord record;
        switch (found) {
            case NotFound n -> {
                return DmarcResult.of(DmarcResult.Verdict.NONE, fromDomain, "no DMARC record");
            }
            case Failed t -> {
                return DmarcResult.of(DmarcResult.Verdict.TEMPERROR, fromDomain, "DMARC record lookup for " + at + " failed: " + t.reason());
            }
            case Bad b -> {
                return new DmarcResult(DmarcResult.Verdict.PERMERROR, fromDomain, Optional.of(at), DmarcRecord.Policy.NONE,
                        DmarcRecord.Policy.NONE, "DMARC record of " + at + " unusable: " + b.reason());
            }
            case Found f -> record = f.record();
        }
        boolean dkim = dkimPassDomains.stream().anyMatch(d -> record.dkimAlignment().aligned(d, fromDomain));
        boolean spf = spfPassDomain.isPresent() && record.spfAlignment().aligned(spfPassDomain.get(), fromDomain);
        DmarcRecord.Policy requested = record.policyFor(subdomain);
        if (dkim || spf) {
            return new DmarcResult(DmarcResult.Verdict.PASS, fromDomain, Optional.of(at), requested, DmarcRecord.Policy.NONE,
                    dkim ? "aligned DKIM signature" : "aligned SPF", Optional.of(record));
        }
        boolean sampled = record.percent() >= 100 || random.nextInt(100) < record.percent();
        DmarcRecord.Policy applied = sampled ? requested : requested.weaker();
        return new DmarcResult(DmarcResult.Verdict.FAIL, fromDomain, Optional.of(at), requested, applied,
                "no aligned DKIM or SPF pass" + (sampled ? "" : " (outside pct=" + record.percent() + ")"), Optional.of(record));
    }

    private sealed interface Discovery { }

    private record Found(DmarcRecord record) implements Discovery { }

    private record NotFound() implements Discovery { }

    private record Failed(String reason) implements Discovery { }

    private record Bad(String reason) implements Discovery { }

    private Discovery discover(String domain) {
        return switch (lookup.lookup(domain)) {
            case DmarcLookup.Temporary t -> new Failed(t.reason());
            case DmarcLookup.NoRecord n -> new NotFound();
            case DmarcLookup.Records r -> {
                List<String> dmarc = r.texts().stream().filter(DmarcRecord::isDmarc).toList();
                if (dmarc.isEmpty()) {
                    yield new NotFound();
                }
                if (dmarc.size() > 1) {
                    yield new Bad("several DMARC records");
                }
                try {
                    yield new Found(DmarcRecord.parse(dmarc.getFirst()));
                } catch (DmarcRecord.Invalid e) {
                    yield new Bad(e.getMessage());
                }
            }
        };
    }
}
