package dev.surel.protocol.dkim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ARC validation (RFC 8617 §5.2) of a well-formed chain: the ARC-Message-Signature of the
 * highest instance must verify like a DKIM signature (step 5, §5.2.1), then every ARC-Seal from
 * the highest down (step 7). The oldest passing AMS (step 6) is optional and not looked for.
 * A key lookup that failed for now fails the chain too: ARC has no temperror, and the result is
 * only ever used to trust more, never to refuse.
 */
final class ArcValidator {

    private ArcValidator() {
    }

    static ArcResult validate(DkimVerifier verifier, List<HeaderField> headers, ArcChain.Chain chain, byte[] amsBodyHash,
                              long bodyLength, Instant now) {
        ArcChain.ArcSet latest = chain.latest();
        DkimSignature ams;
        try {
            ams = DkimSignature.parseArcMessageSignature(latest.messageSignature().value());
        } catch (DkimException e) {
            return ArcResult.fail("ARC-Message-Signature i=" + latest.instance() + ": " + e.getMessage());
        }
        DkimResult r = verifier.check(headers, latest.messageSignature(), ams, amsBodyHash, bodyLength, now);
        if (r.verdict() != DkimResult.Verdict.PASS) {
            return ArcResult.fail("ARC-Message-Signature i=" + latest.instance() + " (d=" + ams.domain() + "): " + r.reason());
        }
        Map<String, DkimVerifier.Key> keys = new HashMap<>();
        for (int i = chain.sets().size(); i >= 1; i--) {
            ArcSeal seal = chain.sets().get(i - 1).sealTags();
            DkimVerifier.Key key = keys.computeIfAbsent(seal.selector() + "._domainkey." + seal.domain() + "/" + seal.algorithm(),
                    k -> verifier.key(seal.selector(), seal.domain(), seal.algorithm(), seal.algorithmTag()));
            switch (key) {
                case DkimVerifier.Missing m -> {
                    return ArcResult.fail("ARC-Seal i=" + i + " (d=" + seal.domain() + "): " + m.reason());
                }
                case DkimVerifier.Found f -> {
                    if (!DkimVerifier.signatureVerifies(seal.algorithm(), f.key(), sealData(chain.sets().subList(0, i)), seal.signature())) {
                        return ArcResult.fail("ARC-Seal i=" + i + " (d=" + seal.domain() + ") did not verify");
                    }
                }
            }
        }
        return new ArcResult(ArcResult.Verdict.PASS, chain.sets().size() + " ARC set" + (chain.sets().size() == 1 ? "" : "s")
                + ", last sealed by " + chain.latest().sealTags().domain(), chain.sets());
    }

    /**
     * What the ARC-Seal of the last of {@code sets} signs (RFC 8617 §5.1.1): every set's
     * ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal in instance order, relaxed
     * canonicalization, the last seal with its b= value emptied and no CRLF after it.
     */
    static byte[] sealData(List<ArcChain.ArcSet> sets) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < sets.size(); j++) {
            ArcChain.ArcSet s = sets.get(j);
            b.append(Canonicalization.RELAXED.header(s.results()));
            b.append(Canonicalization.RELAXED.header(s.messageSignature()));
            if (j < sets.size() - 1) {
                b.append(Canonicalization.RELAXED.header(s.seal()));
            } else {
                b.append(Canonicalization.RELAXED.header(DkimHash.withoutSignature(s.seal().raw())));
            }
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
