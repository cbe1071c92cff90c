package dev.surel.protocol.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM key record (RFC 6376 §3.6.1): {@code v=DKIM1; k=rsa|ed25519; h=sha256; t=y:s; p=...}.
 * An empty p= means the key was revoked (§3.6.1). For rsa, p= is a DER SubjectPublicKeyInfo (a
 * bare PKCS#1 RSAPublicKey is accepted too, as deployed); for ed25519 it is the 32-byte raw key
 * (RFC 8463 §4).
 *
 * @param keyType k= (default rsa)
 * @param hashes  h= (empty: any)
 * @param flags   t= flags (y: testing, s: i= domain must equal d=)
 * @param key     the public key, or null when revoked
 */
public record KeyRecord(String keyType, List<String> hashes, List<String> flags, PublicKey key) {

    public boolean revoked() {
        return key == null;
    }

    public boolean testing() {
        return flags.contains("y");
    }

    /** Parses a key record (TXT strings already joined). */
    public static KeyRecord parse(String text) throws DkimException {
        TagList tags = TagList.parse(text);
        if (!tags.tags().isEmpty() && tags.tags().containsKey("v")) {
            if (!tags.tags().keySet().iterator().next().equals("v") || !"DKIM1".equals(tags.require("v"))) {
                throw new DkimException("key record v= must be DKIM1 and come first");
            }
        }
        String k = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        List<String> h = tags.get("h").map(KeyRecord::list).orElse(List.of());
        List<String> t = tags.get("t").map(KeyRecord::list).orElse(List.of());
        byte[] p = DkimSignature.base64(tags.require("p"), "p");
        if (p.length == 0) {
            return new KeyRecord(k, h, t, null);
        }
        return new KeyRecord(k, h, t, publicKey(k, p));
    }

    /** The key record to publish for a public key: {@code v=DKIM1; k=...; p=...}. */
    public static String publish(PublicKey key) {
        if (key instanceof EdECPublicKey) {
            byte[] der = key.getEncoded();
            byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
            return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw);
        }
        if (key instanceof RSAPublicKey) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getEncoded());
        }
        throw new IllegalArgumentException("not an RSA or Ed25519 key: " + key.getAlgorithm());
    }

    private static PublicKey publicKey(String k, byte[] p) throws DkimException {
        try {
            switch (k) {
                case "ed25519" -> {
                    if (p.length != 32) {
                        throw new DkimException("ed25519 key is not 32 bytes");
                    }
                    byte[] der = concat(ED25519_SPKI_PREFIX, p);
                    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
                }
                case "rsa" -> {
                    KeyFactory f = KeyFactory.getInstance("RSA");
                    RSAPublicKey rsa;
                    try {
                        rsa = (RSAPublicKey) f.generatePublic(new X509EncodedKeySpec(p));
                    } catch (GeneralSecurityException e) {
                        rsa = (RSAPublicKey) f.generatePublic(new X509EncodedKeySpec(wrapPkcs1(p)));
                    }
                    if (rsa.getModulus().bitLength() < 1024) {
                        throw new DkimException("RSA key shorter than 1024 bits (RFC 8301 §3.2)");
                    }
                    return rsa;
                }
                default -> throw new DkimException("unknown key type k=" + k);
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new DkimException("unusable public key in p=");
        }
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(":")).map(TagList::trimFws).map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList();
    }

    /** Wraps a PKCS#1 RSAPublicKey into a SubjectPublicKeyInfo. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] bitString = concat(new byte[] {0x03}, concat(derLength(pkcs1.length + 1), concat(new byte[] {0}, pkcs1)));
        byte[] body = concat(RSA_ALGORITHM_ID, bitString);
        return concat(new byte[] {0x30}, concat(derLength(body.length), body));
    }

    private static byte[] derLength(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (33 bytes) } before the raw key. */
    static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** SEQUENCE { OID rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM_ID = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
}
