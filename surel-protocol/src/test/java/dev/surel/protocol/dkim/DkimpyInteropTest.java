package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks with dkimpy (Debian python3-dkim): Surel-signed messages verified by dkimpy and
 * dkimpy-signed messages verified by Surel, for ed25519-sha256 and rsa-sha256, relaxed/relaxed
 * and simple/simple. dkimpy gets the key record from a dnsfunc, so no DNS is involved.
 */
class DkimpyInteropTest {

    /** argv: key record; stdin: message. Exit 0 when dkimpy verifies the first signature. */
    static final String VERIFY = """
            import dkim, sys
            rec = sys.argv[1].encode()
            m = sys.stdin.buffer.read()
            ok = dkim.verify(m, dnsfunc=lambda name, timeout=5: rec if name == b'sel._domainkey.example.org.' else None)
            sys.exit(0 if ok else 1)
            """;

    /** argv: key file, algorithm, canonicalization, with l= (0/1)[, i=]; stdin: message; stdout: the field. */
    static final String SIGN = """
            import dkim, sys
            key = open(sys.argv[1], 'rb').read()
            c = sys.argv[3].encode()
            m = sys.stdin.buffer.read()
            sig = dkim.sign(m, b'sel', b'example.org', key, canonicalize=(c, c),
                            signature_algorithm=sys.argv[2].encode(), length=sys.argv[4] == '1',
                            identity=sys.argv[5].encode() if len(sys.argv) > 5 else None,
                            include_headers=[b'from', b'to', b'subject', b'date'])
            sys.stdout.buffer.write(sig)
            """;

    @TempDir
    Path dir;

    @Test
    void dkimpyVerifiesSurelSignatures() throws Exception {
        for (String algorithm : new String[] {"Ed25519", "RSA"}) {
            KeyPair keys = DkimSignerTest.keys(algorithm);
            for (Canonicalization c : Canonicalization.values()) {
                DkimSigner signer = new DkimSigner(keys.getPrivate(), "example.org", "sel", DkimSigner.DEFAULT_HEADERS, c, c);
                byte[] message = DkimSignerTest.MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
                String signed = signer.sign(message, DkimSignerTest.NOW) + DkimSignerTest.MESSAGE;
                String record = KeyRecord.publish(keys.getPublic());
                assertThat(run(signed, VERIFY, record).exit()).as(algorithm + " " + c + " verified by dkimpy").isZero();
                assertThat(run(signed.replace("hungry", "angry"), VERIFY, record).exit()).as(algorithm + " " + c + " tampered").isEqualTo(1);
            }
        }
    }

    @Test
    void surelVerifiesDkimpySignatures() throws Exception {
        for (String algorithm : new String[] {"Ed25519", "RSA"}) {
            KeyPair keys = DkimSignerTest.keys(algorithm);
            Path keyFile = writeKey(keys);
            String a = algorithm.equals("RSA") ? "rsa-sha256" : "ed25519-sha256";
            for (Canonicalization c : Canonicalization.values()) {
                String field = run(DkimSignerTest.MESSAGE, SIGN, keyFile.toString(), a, c.tag(), "0").out();
                assertThat(field).as("dkimpy signature").startsWith("DKIM-Signature:");
                String signed = field + DkimSignerTest.MESSAGE;
                String what = a + " " + c;
                assertThat(DkimSignerTest.verify(signed, DkimSignerTest.lookup(keys))).as(what)
                        .extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
                assertThat(DkimSignerTest.verify(signed.replace("Subject: Is", "Subject: Was"), DkimSignerTest.lookup(keys))).as(what)
                        .extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.FAIL);
            }
        }
    }

    /** RFC 6376 §3.5 l=: content added after the signed length still passes, and is reported. */
    @Test
    void bodyLengthLimitReportsUnsignedContent() throws Exception {
        KeyPair keys = DkimSignerTest.keys("Ed25519");
        Path keyFile = writeKey(keys);
        String field = run(DkimSignerTest.MESSAGE, SIGN, keyFile.toString(), "ed25519-sha256", "relaxed", "1").out();
        assertThat(field).contains("l=");
        String signed = field + DkimSignerTest.MESSAGE;
        DkimResult exact = DkimSignerTest.verify(signed, DkimSignerTest.lookup(keys)).getFirst();
        assertThat(exact.verdict()).isEqualTo(DkimResult.Verdict.PASS);
        assertThat(exact.unsignedBodyFollows()).isFalse();
        DkimResult appended = DkimSignerTest.verify(signed + "Click here!\r\n", DkimSignerTest.lookup(keys)).getFirst();
        assertThat(appended.verdict()).isEqualTo(DkimResult.Verdict.PASS);
        assertThat(appended.unsignedBodyFollows()).isTrue();
        String truncated = signed.substring(0, signed.indexOf("Joe.\r\n"));
        assertThat(DkimSignerTest.verify(truncated, DkimSignerTest.lookup(keys)).getFirst().reason()).isEqualTo("body shorter than l=");
    }

    /** RFC 6376 §3.5 i= and §3.6.1 t=s: a subdomain identity passes unless the key says t=s. */
    @Test
    void subdomainIdentityAndStrictKeyFlag() throws Exception {
        KeyPair keys = DkimSignerTest.keys("Ed25519");
        Path keyFile = writeKey(keys);
        String field = run(DkimSignerTest.MESSAGE, SIGN, keyFile.toString(), "ed25519-sha256", "relaxed", "0", "joe@mail.example.org").out();
        assertThat(field).contains("i=joe@mail.example.org");
        String signed = field + DkimSignerTest.MESSAGE;
        String record = KeyRecord.publish(keys.getPublic());
        DkimResult plain = DkimSignerTest.verify(signed, (s, d) -> new KeyLookup.Records(List.of(record))).getFirst();
        assertThat(plain.verdict()).isEqualTo(DkimResult.Verdict.PASS);
        assertThat(plain.identity()).isEqualTo("joe@mail.example.org");
        DkimResult strict = DkimSignerTest.verify(signed, (s, d) -> new KeyLookup.Records(List.of(record + "; t=s"))).getFirst();
        assertThat(strict.verdict()).isEqualTo(DkimResult.Verdict.PERMERROR);
        DkimResult testing = DkimSignerTest.verify(signed, (s, d) -> new KeyLookup.Records(List.of(record + "; t=y"))).getFirst();
        assertThat(testing.verdict()).isEqualTo(DkimResult.Verdict.PASS);
        assertThat(testing.testing()).isTrue();
    }

    private Path writeKey(KeyPair keys) throws IOException {
        return Dkimpy.writeKey(dir, keys);
    }

    private Dkimpy.Run run(String stdin, String script, String... args) throws Exception {
        return Dkimpy.run(dir, stdin, script, args);
    }
}
