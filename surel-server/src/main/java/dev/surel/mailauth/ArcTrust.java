package dev.surel.mailauth;

import dev.surel.protocol.authres.ResultsReader;
import dev.surel.protocol.dkim.ArcChain;
import dev.surel.protocol.dkim.ArcResult;
import dev.surel.protocol.dmarc.Alignment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Trusted ARC sealers (RFC 8617 §7.2.1): when a message fails DMARC because a hop changed it
 * (a mailing list, a forwarder), the receiver may use what an intermediary it trusts found
 * before that hop. The chain must pass here; then, from the latest set down, as long as each
 * sealer is trusted ({@link MailAuthSettings#trustsSealer}), its ARC-Authentication-Results are
 * read: {@code dmarc=pass} for the From domain, or {@code dkim=pass} / {@code spf=pass} for a
 * domain aligned (relaxed) with it, lifts the failure. A trusted sealer that found
 * {@code arc=pass} itself hands over to the sealer before it; the first untrusted sealer ends
 * the walk.
 */
final class ArcTrust {

    private ArcTrust() {
    }

    /**
     * Which trusted sealer vouches for {@code fromDomain}, and what it saw, or empty.
     *
     * @param arc this hop's ARC validation
     */
    static Optional<String> vouch(ArcResult arc, String fromDomain, MailAuthSettings settings) {
        if (arc.verdict() != ArcResult.Verdict.PASS || fromDomain.isEmpty()) return Optional.empty();
        List<ArcChain.ArcSet> sets = arc.sets();
        for (int i = sets.size() - 1; i >= 0; i--) {
            ArcChain.ArcSet set = sets.get(i);
            String sealer = set.sealTags().domain();
            if (!settings.trustsSealer(sealer)) return Optional.empty();
            boolean chainPassed = false;
            for (ResultsReader.Result r : ResultsReader.read(set.resultsPayload())) {
                if (!r.result().equals("pass")) continue;
                String saw = switch (r.method()) {
                    case "dmarc" -> r.property("header.from").equalsIgnoreCase(fromDomain) ? "dmarc=pass" : null;
                    case "dkim" -> aligned(domainOf(r.property("header.d").isEmpty() ? r.property("header.i") : r.property("header.d")),
                            fromDomain) ? "dkim=pass" : null;
                    case "spf" -> aligned(domainOf(r.property("smtp.mailfrom")), fromDomain) ? "spf=pass" : null;
                    default -> null;
                };
                if (saw != null) {
                    return Optional.of("trusted ARC sealer " + sealer + ", set i=" + set.instance() + ", saw " + saw + " for " + fromDomain);
                }
                chainPassed |= r.method().equals("arc");
            }
            if (!chainPassed) return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean aligned(String domain, String fromDomain) {
        return !domain.isEmpty() && Alignment.RELAXED.aligned(domain, fromDomain);
    }

    private static String domainOf(String identity) {
        return identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
