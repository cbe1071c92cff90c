package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks with OpenDKIM 2.11.0 (Debian opendkim), for rsa-sha256 and ed25519-sha256:
 * Surel's signatures (whole-message and streamed; relaxed and simple) verified by OpenDKIM, and
 * OpenDKIM's (relaxed, see below) verified by Surel's {@link DkimVerifier}; a tampered message
 * fails on both sides.
 */
class OpenDkimInteropTest {

    @TempDir Path dir;

    @Test
    void openDkimVerifiesSurelSignaturesOfBothAlgorithms() throws Exception {
        OpenDkim openDkim = new OpenDkim(dir);
        KeyPair rsa = DkimSignerTest.keys("RSA");
        KeyPair ed = DkimSignerTest.keys("Ed25519");
        List<String> keys = List.of(OpenDkim.keyLine("rsa", "example.org", rsa.getPublic()), OpenDkim.keyLine("ed", "example.org", ed.getPublic()));
        for (Canonicalization c : Canonicalization.values()) {
            String both = sign(rsa, "rsa", c) + sign(ed, "ed", c) + DkimSignerTest.MESSAGE;
            String results = openDkim.verify(both, keys);
            assertThat(results).as(c.tag())
                    .containsPattern("dkim=pass \\(2048-bit key\\) header.d=example.org header.i=@example.org header.a=rsa-sha256 header.s=rsa ")
                    .contains("dkim=pass header.d=example.org header.i=@example.org header.a=ed25519-sha256 header.s=ed ");
            String tampered = openDkim.verify(both.replace("hungry", "angry"), keys);
            assertThat(tampered).as(c.tag() + " tampered").doesNotContain("dkim=pass").contains("dkim=fail");
        }
    }

    @Test
    void surelVerifiesOpenDkimSignaturesOfBothAlgorithms() throws Exception {
        OpenDkim openDkim = new OpenDkim(dir);
        for (String algorithm : new String[] {"Ed25519", "RSA"}) {
            KeyPair keys = DkimSignerTest.keys(algorithm);
            String a = algorithm.equals("RSA") ? "rsa-sha256" : "ed25519-sha256";
            // relaxed only: a simple/simple signature printed by OpenDKIM's test mode verifies neither in OpenDKIM itself
            // nor in dkimpy (the field as printed is not byte for byte the one it signed, which simple header
            // canonicalization needs; as a milter the MTA inserts it). Both canonicalizations are covered the other way.
            for (Canonicalization c : List.of(Canonicalization.RELAXED)) {
                String cc = c.tag() + "/" + c.tag();
                String field = openDkim.sign(DkimSignerTest.MESSAGE, keys.getPrivate(), "example.org", "sel", a, cc);
                assertThat(field).contains("a=" + a).contains("c=" + cc);
                String signed = field + DkimSignerTest.MESSAGE;
                assertThat(DkimSignerTest.verify(signed, DkimSignerTest.lookup(keys))).as(a + " " + cc)
                        .extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
                assertThat(DkimSignerTest.verify(signed.replace("hungry", "angry"), DkimSignerTest.lookup(keys))).as(a + " " + cc + " tampered")
                        .extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.FAIL);
            }
        }
    }

    /** A streamed signature (the path outbound mail takes) of a message with long and odd lines. */
    @Test
    void openDkimVerifiesAStreamedSignatureOfALargerBody() throws Exception {
        OpenDkim openDkim = new OpenDkim(dir);
        KeyPair ed = DkimSignerTest.keys("Ed25519");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3000; i++) body.append("line ").append(i).append(" \t with  spaces\t\r\n").append(i % 100 == 0 ? "\r\n" : "");
        body.append("\r\n\r\n");
        String message = DkimSignerTest.MESSAGE.substring(0, DkimSignerTest.MESSAGE.indexOf("\r\n\r\n") + 4) + body;
        MessageHasher h = new MessageHasher(1 << 16, java.util.Set.of(Canonicalization.RELAXED));
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += 777) h.write(bytes, i, Math.min(777, bytes.length - i));
        String field = DkimSigner.relaxed(ed.getPrivate(), "example.org", "ed").sign(h.finish(), DkimSignerTest.NOW);
        assertThat(openDkim.verify(field + message, List.of(OpenDkim.keyLine("ed", "example.org", ed.getPublic()))))
                .contains("dkim=pass header.d=example.org");
    }

    private static String sign(KeyPair keys, String selector, Canonicalization c) {
        DkimSigner signer = new DkimSigner(keys.getPrivate(), "example.org", selector, DkimSigner.DEFAULT_HEADERS, c, c);
        return signer.sign(DkimSignerTest.MESSAGE.getBytes(StandardCharsets.ISO_8859_1), DkimSignerTest.NOW);
    }
}
