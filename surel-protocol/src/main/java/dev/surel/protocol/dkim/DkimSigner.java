package dev.surel.protocol.dkim;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Signs a message (RFC 6376 §5) with rsa-sha256 or ed25519-sha256 (RFC 8463) and returns the
 * DKIM-Signature field to prepend. The header fields signed are those of {@link #headers} that
 * the message has (a name ending in {@code -*}, such as {@code list-*}, matches every field with
 * that prefix), each as often as it occurs; From is signed once more than it occurs
 * ("oversigned", §8.15), so a From added later breaks the signature.
 *
 * @param key         an RSA (2048 bits recommended, RFC 8301) or Ed25519 private key
 * @param domain      d=
 * @param selector    s=
 * @param headers     names of header fields to sign, see {@link #DEFAULT_HEADERS}
 * @param headerCanon header canonicalization
 * @param bodyCanon   body canonicalization
 */
public record DkimSigner(PrivateKey key, String domain, String selector, List<String> headers,
        Canonicalization headerCanon, Canonicalization bodyCanon) {

    /** The fields worth signing (RFC 6376 §5.4.1), in this order. */
    public static final List<String> DEFAULT_HEADERS = List.of("from", "to", "cc", "subject", "date", "message-id",
            "reply-to", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
            "list-*");

    public DkimSigner {
        headers = List.copyOf(headers);
        algorithm(key);
    }

    /** A relaxed/relaxed signer of the default header fields. */
    public static DkimSigner relaxed(PrivateKey key, String domain, String selector) {
        return new DkimSigner(key, domain, selector, DEFAULT_HEADERS, Canonicalization.RELAXED, Canonicalization.RELAXED);
    }

    public DkimAlgorithm algorithm() {
        return algorithm(key);
    }

    /** The most header octets {@link #sign(byte[], Instant)} keeps (the body is streamed). */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    /**
     * The DKIM-Signature field for a CRLF message, folded at 78 columns, ending in CRLF.
     *
     * @param now the t= timestamp
     */
    public String sign(byte[] message, Instant now) {
        MessageHasher hasher = new MessageHasher(Math.max(MAX_HEADER_BYTES, message.length), java.util.Set.of(bodyCanon));
        try {
            hasher.write(message, 0, message.length);
            return sign(hasher.finish(), now);
        } catch (java.io.IOException | DkimException e) {
            throw new IllegalStateException(e); // in memory, and no header limit applies
        }
    }

    /**
     * The DKIM-Signature field for a message streamed through a {@link MessageHasher} (which
     * must have hashed the body with this signer's body canonicalization): the same field
     * {@link #sign(byte[], Instant)} gives, without the message in memory.
     */
    public String sign(MessageHasher.Result message, Instant now) {
        byte[] hash = message.bodyHashes().get(bodyCanon);
        if (hash == null) {
            throw new IllegalArgumentException("the body was not hashed with " + bodyCanon.tag() + " canonicalization");
        }
        return sign(message.headers(), hash, now);
    }

    private String sign(List<HeaderField> headerFields, byte[] bodyHash, Instant now) {
        return signAs("DKIM-Signature", List.of("v=1"), headerFields, bodyHash, now);
    }

    /**
     * A field named {@code name} that signs the header fields as a DKIM-Signature does (§3.7,
     * §5.4): {@code leading} tags, then a, c, d, s, t, h, bh and b. The DKIM-Signature has v=1
     * first; the ARC-Message-Signature (RFC 8617 §4.1.2) has its i= there instead.
     */
    String signAs(String name, List<String> leading, List<HeaderField> headerFields, byte[] bodyHash, Instant now) {
        String bh = Base64.getEncoder().encodeToString(bodyHash);
        List<String> h = signedNames(headerFields);
        List<String> tags = new ArrayList<>(leading);
        tags.add("a=" + algorithm().tag());
        tags.add("c=" + headerCanon.tag() + "/" + bodyCanon.tag());
        tags.add("d=" + domain);
        tags.add("s=" + selector);
        tags.add("t=" + now.getEpochSecond());
        tags.add("h=" + String.join(":", h));
        tags.add("bh=" + bh);
        String unsigned = fold(name, tags);
        byte[] data = DkimHash.headerData(headerFields, h, headerCanon, unsigned);
        return signed(unsigned, data);
    }

    /** The field {@code unsigned} (which ends in "b=") completed with the signature of {@code data}, and a CRLF. */
    String signed(String unsigned, byte[] data) {
        String b = Base64.getEncoder().encodeToString(sign(data));
        return unsigned + foldValue(unsigned, b) + "\r\n";
    }

    private byte[] sign(byte[] data) {
        try {
            Signature s;
            if (algorithm() == DkimAlgorithm.ED25519_SHA256) {
                // RFC 8463 §3: Ed25519 (PureEdDSA) signs the SHA-256 hash of the data.
                s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(DkimHash.sha256(data, data.length));
            } else {
                s = Signature.getInstance("SHA256withRSA");
                s.initSign(key);
                s.update(data);
            }
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private List<String> signedNames(List<HeaderField> fields) {
        List<String> names = new ArrayList<>();
        for (String wanted : headers) {
            String w = wanted.toLowerCase(Locale.ROOT);
            if (w.endsWith("*")) {
                String prefix = w.substring(0, w.length() - 1);
                List<String> seen = new ArrayList<>();
                for (HeaderField f : fields) {
                    String n = f.name().toLowerCase(Locale.ROOT);
                    if (n.startsWith(prefix) && !seen.contains(n) && !headers.contains(n)) {
                        seen.add(n);
                    }
                }
                for (String n : seen) {
                    addPresent(names, fields, n, 0);
                }
            } else {
                addPresent(names, fields, w, w.equals("from") ? 1 : 0);
            }
        }
        return names;
    }

    private static void addPresent(List<String> names, List<HeaderField> fields, String name, int extra) {
        long count = fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).count();
        for (long i = 0; i < count + extra; i++) {
            names.add(name);
        }
    }

    /** The field up to and including "b=", tags joined by "; " and folded before 78 columns. */
    static String fold(String name, List<String> tags) {
        StringBuilder out = new StringBuilder(name).append(':');
        int column = out.length();
        for (String tag : tags) {
            String piece = " " + tag + ";";
            if (column + piece.length() > 78 && column > 1) {
                if (tag.startsWith("h=")) {
                    column = appendBroken(out, column, piece, ':');
                    continue;
                }
                out.append("\r\n ");
                column = 1;
                piece = piece.substring(1);
            }
            out.append(piece);
            column += piece.length();
        }
        if (column + 3 > 78) {
            out.append("\r\n ");
            out.append("b=");
        } else {
            out.append(" b=");
        }
        return out.toString();
    }

    /** Appends h=, breaking the line after a colon when it would pass 78 columns. */
    private static int appendBroken(StringBuilder out, int column, String piece, char at) {
        out.append("\r\n ");
        column = 1;
        String rest = piece.substring(1);
        while (column + rest.length() > 78) {
            int cut = rest.lastIndexOf(at, 78 - column - 1);
            if (cut <= 0) {
                break;
            }
            out.append(rest, 0, cut + 1).append("\r\n ");
            rest = rest.substring(cut + 1);
            column = 1;
        }
        out.append(rest);
        return column + rest.length();
    }

    /** The b= value, broken into lines of at most 78 columns (folding is ignored in b=, §3.5). */
    private static String foldValue(String before, String b) {
        int lineStart = before.lastIndexOf('\n') + 1;
        int column = before.length() - lineStart + (before.lastIndexOf('\t') >= lineStart ? 0 : 0);
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < b.length()) {
            int room = Math.max(1, 78 - column);
            int end = Math.min(b.length(), pos + room);
            out.append(b, pos, end);
            pos = end;
            if (pos < b.length()) {
                out.append("\r\n ");
                column = 1;
            }
        }
        return out.toString();
    }

    private static DkimAlgorithm algorithm(PrivateKey key) {
        if (key instanceof EdECPrivateKey) {
            return DkimAlgorithm.ED25519_SHA256;
        }
        if (key instanceof RSAPrivateKey rsa) {
            if (rsa.getModulus().bitLength() < 1024) {
                // RFC 8301 §3.2: signers MUST use RSA keys of at least 1024 bits (SHOULD 2048).
                throw new IllegalArgumentException("RSA key shorter than 1024 bits");
            }
            return DkimAlgorithm.RSA_SHA256;
        }
        throw new IllegalArgumentException("DKIM signs with RSA or Ed25519 keys, not " + key.getAlgorithm());
    }
}
