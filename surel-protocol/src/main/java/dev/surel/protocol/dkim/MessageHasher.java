package dev.surel.protocol.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A message streamed through once, in pieces of any size, for signing (RFC 6376 §5): the header
 * section is kept (up to {@code maxHeaderBytes}: header fields are signed one by one, §5.4), the
 * body is canonicalized (§3.4) and hashed with SHA-256 (§3.7) as it passes, once per body
 * canonicalization asked for, and never held. The header section ends at the first empty line
 * (RFC 5322 §2.1), as in {@link HeaderField#split}; a message without one is all header.
 *
 * <p>Not thread-safe; {@link #finish()} once, after the last octet.
 */
public final class MessageHasher extends OutputStream {

    /** The header fields of the message and the body hash (bh=) of each body canonicalization. */
    public record Result(List<HeaderField> headers, Map<Canonicalization, byte[]> bodyHashes) {
        public Result {
            headers = List.copyOf(headers);
            bodyHashes = Map.copyOf(bodyHashes);
        }
    }

    private final int maxHeaderBytes;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
    private final Map<Canonicalization, BodyCanonicalizer> bodies = new EnumMap<>(Canonicalization.class);
    private final Map<Canonicalization, MessageDigest> digests = new EnumMap<>(Canonicalization.class);
    private boolean inBody;
    private boolean headerTooLarge;
    private long headerSeen;
    private int last3;  // the last three octets of the header section, to spot CRLF CRLF

    public MessageHasher(int maxHeaderBytes, Set<Canonicalization> bodyCanons) {
        this.maxHeaderBytes = maxHeaderBytes;
        for (Canonicalization c : bodyCanons) {
            MessageDigest md = sha256();
            digests.put(c, md);
            bodies.put(c, new BodyCanonicalizer(c, new OutputStream() {
                @Override
                public void write(int b) {
                    md.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    md.update(b, off, len);
                }
            }));
        }
    }

    private final byte[] one = new byte[1];

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        if (!inBody) {
            while (i < end && !inBody) {
                int c = b[i++] & 0xff;
                if (headerSeen < maxHeaderBytes) {
                    header.write(c);
                } else {
                    headerTooLarge = true;
                }
                headerSeen++;
                // RFC 5322 §2.1: the header section ends at the first empty line; a message may start with it.
                if ((headerSeen == 2 && last3 == '\r' && c == '\n') || (((last3 << 8) | c) & 0xffffffffL) == 0x0d0a0d0aL) {
                    inBody = true;
                }
                last3 = ((last3 << 8) | c) & 0xffffff;
            }
        }
        if (i < end) {
            for (BodyCanonicalizer body : bodies.values()) {
                body.write(b, i, end - i);
            }
        }
    }

    /**
     * The header fields and body hashes.
     *
     * @throws DkimException when the header section was longer than {@code maxHeaderBytes}
     */
    public Result finish() throws DkimException {
        if (headerTooLarge) {
            throw new DkimException("header section longer than " + maxHeaderBytes + " octets");
        }
        Map<Canonicalization, byte[]> hashes = new EnumMap<>(Canonicalization.class);
        for (Map.Entry<Canonicalization, BodyCanonicalizer> e : bodies.entrySet()) {
            try {
                e.getValue().close();
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible); // the sink is a digest
            }
            hashes.put(e.getKey(), digests.get(e.getKey()).digest());
        }
        return new Result(HeaderField.split(header.toByteArray()).headers(), hashes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
