package dev.surel.protocol.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The body hash of RFC 6376 §3.7 computed as the body streams by: the {@link BodyCanonicalizer}
 * (§3.4.3 simple, §3.4.4 relaxed) feeding a digest of only the first {@code l=} canonical octets
 * (§3.5 l=), in constant memory. The output is the same as {@link Canonicalization#body(byte[])}
 * hashed (a test compares them).
 */
final class BodyHasher {

    private final LimitedDigest digest;
    private final BodyCanonicalizer canonicalizer;

    /** @param limit l= (canonical octets to hash), or -1 for the whole body */
    BodyHasher(Canonicalization canon, long limit) {
        this.digest = new LimitedDigest(limit);
        this.canonicalizer = new BodyCanonicalizer(canon, digest);
    }

    void write(byte[] b, int off, int len) {
        try {
            canonicalizer.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the digest never fails
        }
    }

    /** Ends the body; then {@link #hash} and {@link #length} are known. */
    void finish() {
        try {
            canonicalizer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the canonical body, up to l=. */
    byte[] hash() {
        return digest.sha.digest();
    }

    /** The canonical body's whole length (also past l=). */
    long length() {
        return digest.produced;
    }

    /** Hashes the first {@code limit} octets written (all of them when negative) and counts them all. */
    private static final class LimitedDigest extends OutputStream {
        private final MessageDigest sha;
        private final long limit;
        private long produced;

        LimitedDigest(long limit) {
            this.limit = limit;
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) {
            if (limit < 0 || produced < limit) sha.update((byte) b);
            produced++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            long room = limit < 0 ? len : Math.max(0, Math.min(len, limit - produced));
            if (room > 0) sha.update(b, off, (int) room);
            produced += len;
        }
    }
}
