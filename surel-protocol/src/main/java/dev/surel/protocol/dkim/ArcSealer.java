package dev.surel.protocol.dkim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds an ARC set to a message that is passed on (RFC 8617 §5.1): the
 * ARC-Authentication-Results with what this hop found, an ARC-Message-Signature over the
 * message as it leaves (relaxed/relaxed, the {@link DkimSigner#DEFAULT_HEADERS} plus any
 * DKIM-Signature) and an ARC-Seal over every set, with the chain status this hop validated.
 *
 * <p>A chain that failed here is not continued (§5.1.2 would allow one last set with cv=fail;
 * a receiver learns nothing from it), and neither is one of 50 sets (§4.2.1).
 *
 * @param key      the RSA or Ed25519 key of {@code selector._domainkey.domain}
 * @param domain   d= of both signatures (the forwarding domain)
 * @param selector s=
 */
public record ArcSealer(java.security.PrivateKey key, String domain, String selector) {

    /** The fields the ARC-Message-Signature covers: DKIM's, and the DKIM signatures themselves. */
    public static final List<String> SIGNED_HEADERS;

    static {
        List<String> h = new ArrayList<>(DkimSigner.DEFAULT_HEADERS);
        h.add("dkim-signature");
        SIGNED_HEADERS = List.copyOf(h);
    }

    /**
     * The three fields to put before the message (ARC-Seal, ARC-Message-Signature,
     * ARC-Authentication-Results, each ending in CRLF), or empty when the chain is not continued.
     *
     * @param message     the message as it will leave, hashed with relaxed body canonicalization
     * @param validated   what this hop's ARC validation of the message found when it arrived
     * @param authResults this hop's results: the value of its Authentication-Results field
     *                    ({@code authserv-id; method=result ...}), which should include {@code arc=}
     */
    public Optional<String> seal(MessageHasher.Result message, ArcResult.Verdict validated, String authResults, Instant now) {
        ArcChain.Outcome chain = ArcChain.of(message.headers(), ArcChain.MAX_INSTANCES);
        List<ArcChain.ArcSet> sets = new ArrayList<>();
        switch (chain) {
            case ArcChain.Absent a -> {
                if (validated != ArcResult.Verdict.NONE) return Optional.empty();
            }
            case ArcChain.Broken b -> {
                return Optional.empty();
            }
            case ArcChain.Chain c -> {
                if (validated != ArcResult.Verdict.PASS || c.sets().size() >= ArcChain.MAX_INSTANCES) return Optional.empty();
                sets.addAll(c.sets());
            }
        }
        int instance = sets.size() + 1;
        DkimSigner signer = new DkimSigner(key, domain, selector, SIGNED_HEADERS, Canonicalization.RELAXED, Canonicalization.RELAXED);
        byte[] bodyHash = message.bodyHashes().get(Canonicalization.RELAXED);
        if (bodyHash == null) {
            throw new IllegalArgumentException("the body was not hashed with relaxed canonicalization");
        }
        String results = "ARC-Authentication-Results: i=" + instance + "; " + authResults.strip();
        String ams = signer.signAs(ArcChain.SIGNATURE, List.of("i=" + instance), message.headers(), bodyHash, now);
        String unsignedSeal = DkimSigner.fold(ArcChain.SEAL, List.of("i=" + instance, "a=" + signer.algorithm().tag(),
                "t=" + now.getEpochSecond(), "cv=" + validated.chainStatus().tag(), "d=" + domain, "s=" + selector));
        HeaderField sealField = new HeaderField(ArcChain.SEAL, unsignedSeal);
        sets.add(new ArcChain.ArcSet(instance, new HeaderField(ArcChain.RESULTS, results),
                new HeaderField(ArcChain.SIGNATURE, ams.substring(0, ams.length() - 2)), sealField, null));
        String seal = signer.signed(unsignedSeal, ArcValidator.sealData(sets));
        return Optional.of(seal + ams + results + "\r\n");
    }
}
