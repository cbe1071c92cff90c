package dev.surel.protocol.dkim;

import java.util.Optional;

/** The signing algorithms Surel knows: rsa-sha256 (RFC 6376 §3.3.1) and ed25519-sha256 (RFC 8463 §3). */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The a= value. */
    public String tag() {
        return tag;
    }

    /** The key record k= value it needs. */
    public String keyType() {
        return keyType;
    }

    public static Optional<DkimAlgorithm> fromTag(String a) {
        for (DkimAlgorithm x : values()) {
            if (x.tag.equalsIgnoreCase(a)) {
                return Optional.of(x);
            }
        }
        return Optional.empty();
    }
}
