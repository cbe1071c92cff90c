package dev.surel.mailauth;

import dev.surel.protocol.dkim.DkimAlgorithm;
import dev.surel.protocol.dkim.DkimSigner;
import dev.surel.protocol.dkim.KeyRecord;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One DKIM key of a domain: its selector (RFC 6376 §3.1), algorithm, state, creation time and
 * key pair. {@link #toString} never shows the private key.
 */
public record DkimKey(String domain, String selector, DkimAlgorithm algorithm, DkimKeyState state, Instant created,
                      PrivateKey privateKey, PublicKey publicKey) {

    /** The longest character-string of a TXT record (RFC 1035 §3.3: one length octet). */
    static final int TXT_STRING = 255;

    /** Where the key record is published: {@code selector._domainkey.domain} (RFC 6376 §3.6.2.1). */
    public String recordName() {
        return selector + "._domainkey." + domain;
    }

    /** The key record (RFC 6376 §3.6.1; RFC 8463 §4 for ed25519): {@code v=DKIM1; k=rsa; p=...}. */
    public String record() {
        return KeyRecord.publish(publicKey);
    }

    /**
     * The key record as TXT character-strings of at most 255 octets each (RFC 1035 §3.3.14; RFC
     * 6376 §3.6.2.2: a verifier joins them without spaces): one string for ed25519, two for a
     * 2048-bit RSA key.
     */
    public List<String> txtStrings() {
        String r = record();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.length(); i += TXT_STRING) out.add(r.substring(i, Math.min(r.length(), i + TXT_STRING)));
        return out;
    }

    /** The zone-file line to paste: {@code sel._domainkey.example.org. TXT "v=DKIM1; k=rsa; " "p=..."}. */
    public String zoneLine() {
        StringBuilder b = new StringBuilder(recordName()).append(". TXT");
        for (String s : txtStrings()) b.append(" \"").append(s).append('"');
        return b.toString();
    }

    /** A relaxed/relaxed signer with this key (RFC 6376 §3.4: relaxed survives the usual rewrapping of headers). */
    public DkimSigner signer() {
        return DkimSigner.relaxed(privateKey, domain, selector);
    }

    DkimKey withState(DkimKeyState s) {
        return new DkimKey(domain, selector, algorithm, s, created, privateKey, publicKey);
    }

    @Override
    public String toString() {
        return "DkimKey[" + recordName() + " " + algorithm.keyType() + " " + state.word() + " " + created + "]";
    }
}
