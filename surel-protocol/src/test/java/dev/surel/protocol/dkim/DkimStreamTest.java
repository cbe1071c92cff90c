package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming path: incremental body canonicalization equals the array one; chunking changes nothing. */
class DkimStreamTest {

    private static final byte[] ALPHABET = {'a', 'b', ' ', '\t', '\r', '\n', '\r', '\n', '.', 'x'};

    @Test
    void incrementalBodyHashEqualsTheArrayCanonicalizationForRandomBodiesAndChunks() throws Exception {
        Random r = new Random(14);
        for (int round = 0; round < 3000; round++) {
            byte[] body = new byte[r.nextInt(60)];
            for (int i = 0; i < body.length; i++) {
                body[i] = ALPHABET[r.nextInt(ALPHABET.length)];
            }
            for (Canonicalization c : Canonicalization.values()) {
                byte[] canonical = c.body(body);
                long l = r.nextBoolean() ? -1 : r.nextInt(canonical.length + 3);
                BodyHasher h = new BodyHasher(c, l);
                for (int pos = 0; pos < body.length; ) {
                    int n = Math.min(body.length - pos, 1 + r.nextInt(7));
                    h.write(body, pos, n);
                    pos += n;
                }
                h.finish();
                int hashed = l < 0 ? canonical.length : (int) Math.min(l, canonical.length);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(canonical, 0, hashed);
                assertThat(h.length()).as("length %s of %s", c, new String(body, StandardCharsets.ISO_8859_1)).isEqualTo(canonical.length);
                assertThat(h.hash()).as("hash %s l=%d of [%s]", c, l, new String(body, StandardCharsets.ISO_8859_1)).isEqualTo(md.digest());
            }
        }
    }

    @Test
    void byteByByteStreamVerifiesLikeTheArray() {
        KeyPair keys = DkimSignerTest.keys("Ed25519");
        DkimSigner signer = DkimSigner.relaxed(keys.getPrivate(), "example.org", "sel");
        String signed = signer.sign(DkimSignerTest.MESSAGE.getBytes(StandardCharsets.ISO_8859_1), DkimSignerTest.NOW)
                + DkimSignerTest.MESSAGE;
        byte[] m = signed.getBytes(StandardCharsets.ISO_8859_1);
        DkimStream s = new DkimVerifier(DkimSignerTest.lookup(keys)).stream(64 * 1024);
        for (byte b : m) {
            s.write(new byte[] {b}, 0, 1);
        }
        List<DkimResult> results = s.finish(DkimSignerTest.NOW);
        assertThat(results).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
        assertThat(s.fromValues()).containsExactly(" Joe SixPack <joe@example.org>");
    }

    @Test
    void headerAboveTheLimitIsNeutralNotKept() {
        KeyPair keys = DkimSignerTest.keys("Ed25519");
        DkimSigner signer = DkimSigner.relaxed(keys.getPrivate(), "example.org", "sel");
        byte[] m = (signer.sign(DkimSignerTest.MESSAGE.getBytes(StandardCharsets.ISO_8859_1), DkimSignerTest.NOW)
                + DkimSignerTest.MESSAGE).getBytes(StandardCharsets.ISO_8859_1);
        DkimStream s = new DkimVerifier(DkimSignerTest.lookup(keys)).stream(100);
        s.write(m, 0, m.length);
        assertThat(s.headerTooLarge()).isTrue();
        assertThat(s.finish(DkimSignerTest.NOW)).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.NEUTRAL);
    }
}
