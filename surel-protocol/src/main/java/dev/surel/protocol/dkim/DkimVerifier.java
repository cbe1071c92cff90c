package dev.surel.protocol.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Verifies the DKIM-Signature fields of a message (RFC 6376 §6), top first, at most
 * {@link #limit} of them (§8.4: a verifier may limit the signatures it checks). Each gives one
 * {@link DkimResult}, mapped to RFC 8601 §2.7.1 by the step of RFC 6376 §6.1 that decided it:
 * a field that cannot be processed (§6.1.1: syntax, version, algorithm, From not signed, i=
 * outside d=, expired) is neutral ("contained syntax errors or were not otherwise able to be
 * processed"); a missing, revoked or unusable key (§6.1.2) is permerror, a key lookup that
 * failed for now temperror; a body hash or signature that does not match, or a body shorter
 * than l= (§6.1.3), is fail; otherwise pass. A message without signatures gives an empty list (RFC
 * 8601 "none").
 *
 * @param keys  where key records come from
 * @param limit the most signatures checked
 */
public record DkimVerifier(KeyLookup keys, int limit) {

    public static final int DEFAULT_LIMIT = 10;

    public DkimVerifier(KeyLookup keys) {
        this(keys, DEFAULT_LIMIT);
    }

    /** Verifies a message held in memory (tests, small messages): {@link #stream} over the array. */
    public List<DkimResult> verify(byte[] message, Instant now) {
        DkimStream s = stream(Integer.MAX_VALUE);
        s.write(message, 0, message.length);
        return s.finish(now);
    }

    /**
     * A verifier for a message that streams by: only the header section is kept (at most
     * {@code maxHeaderBytes}), the body is hashed as it passes ({@link DkimStream}).
     */
    public DkimStream stream(int maxHeaderBytes) {
        return new DkimStream(this, maxHeaderBytes);
    }

    /**
     * Checks one parsed signature (§6.1.1 from x= on, §6.1.2, §6.1.3) given the hash of its
     * canonical body up to l= and that body's whole length.
     */
    DkimResult check(List<HeaderField> headers, HeaderField field, DkimSignature sig, byte[] bodyHash, long bodyLength, Instant now) {
        if (sig.expiration().isPresent() && sig.expiration().getAsLong() < now.getEpochSecond()) {
            return result(sig, DkimResult.Verdict.NEUTRAL, "signature expired (x=)", false, false);
        }
        KeyRecord key;
        switch (key(sig.selector(), sig.domain(), sig.algorithm(), sig.algorithmTag())) {
            case Missing m -> {
                return result(sig, m.verdict(), m.reason(), false, m.testing());
            }
            case Found f -> key = f.key();
        }
        if (key.flags().contains("s")) {
            String iDomain = sig.identity().substring(sig.identity().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!iDomain.equals(sig.domain())) {
                return result(sig, DkimResult.Verdict.PERMERROR, "key t=s forbids i= subdomain", false, key.testing());
            }
        }
        boolean unsignedFollows = false;
        if (sig.bodyLength().isPresent()) {
            long l = sig.bodyLength().getAsLong();
            if (l > bodyLength) {
                return result(sig, DkimResult.Verdict.FAIL, "body shorter than l=", false, key.testing());
            }
            unsignedFollows = l < bodyLength;
        }
        if (!MessageDigest.isEqual(bodyHash, sig.bodyHash())) {
            return result(sig, DkimResult.Verdict.FAIL, "body hash did not verify", unsignedFollows, key.testing());
        }
        byte[] data = DkimHash.headerData(headers, sig.signedHeaders(), sig.headerCanon(), field.raw());
        boolean ok = signatureVerifies(sig.algorithm(), key, data, sig.signature());
        if (!ok) {
            return result(sig, DkimResult.Verdict.FAIL, "signature did not verify", unsignedFollows, key.testing());
        }
        return result(sig, DkimResult.Verdict.PASS, unsignedFollows ? "good signature, unsigned body content follows l="
                : "good signature", unsignedFollows, key.testing());
    }

    /** A usable key record (RFC 6376 §6.1.2), or why there is none. */
    sealed interface Key {
    }

    record Found(KeyRecord key) implements Key {
    }

    record Missing(DkimResult.Verdict verdict, String reason, boolean testing) implements Key {
    }

    /**
     * The key of {@code selector._domainkey.domain} for a signature made with {@code algorithm}
     * (§6.1.2; ARC-Seals use the same records, RFC 8617 §4.1.3).
     */
    Key key(String selector, String domain, DkimAlgorithm algorithm, String algorithmTag) {
        KeyRecord key;
        switch (keys.lookup(selector, domain)) {
            case KeyLookup.NoKey n -> {
                return new Missing(DkimResult.Verdict.PERMERROR, "no key for signature", false);
            }
            case KeyLookup.Temporary t -> {
                return new Missing(DkimResult.Verdict.TEMPERROR, "key lookup failed: " + t.reason(), false);
            }
            case KeyLookup.Records r -> {
                if (r.texts().isEmpty()) {
                    return new Missing(DkimResult.Verdict.PERMERROR, "no key for signature", false);
                }
                try {
                    // §3.6.2.2: with several records a verifier may use the first it understands.
                    key = firstUsable(r.texts());
                } catch (DkimException e) {
                    return new Missing(DkimResult.Verdict.PERMERROR, "key record: " + e.getMessage(), false);
                }
            }
        }
        if (key.revoked()) {
            return new Missing(DkimResult.Verdict.PERMERROR, "key revoked", key.testing());
        }
        if (!key.keyType().equals(algorithm.keyType())) {
            return new Missing(DkimResult.Verdict.PERMERROR, "key type " + key.keyType() + " does not fit a=" + algorithmTag, key.testing());
        }
        if (!key.hashes().isEmpty() && !key.hashes().contains("sha256")) {
            return new Missing(DkimResult.Verdict.PERMERROR, "key record h= excludes sha256", key.testing());
        }
        return new Found(key);
    }

    /** Whether {@code signature} is a good signature of {@code data} under {@code key} (§3.7; RFC 8463 §3: Ed25519 signs the SHA-256 hash). */
    static boolean signatureVerifies(DkimAlgorithm algorithm, KeyRecord key, byte[] data, byte[] signature) {
        try {
            Signature s;
            if (algorithm == DkimAlgorithm.ED25519_SHA256) {
                s = Signature.getInstance("Ed25519");
                s.initVerify(key.key());
                s.update(DkimHash.sha256(data, data.length));
            } else {
                s = Signature.getInstance("SHA256withRSA");
                s.initVerify(key.key());
                s.update(data);
            }
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static KeyRecord firstUsable(List<String> texts) throws DkimException {
        DkimException first = null;
        for (String t : texts) {
            try {
                return KeyRecord.parse(t);
            } catch (DkimException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    private static DkimResult result(DkimSignature sig, DkimResult.Verdict v, String reason, boolean unsigned, boolean testing) {
        return new DkimResult(v, reason, sig.domain(), sig.selector(), sig.algorithmTag(), sig.identity(), unsigned, testing,
                sig.tags().get("b").map(b -> b.replaceAll("[ \\t\\r\\n]", "")).orElse(""));
    }
}
