package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6376 §5: Surel signs, Surel verifies; the field's shape. */
class DkimSignerTest {

    static final String MESSAGE = """
            From: Joe SixPack <joe@example.org>
            To: Suzie Q <suzie@example.net>
            Subject: Is dinner ready?
            Date: Fri, 11 Jul 2003 21:00:37 -0700
            Message-ID: <20030712040037.46341.5F8J@example.org>
            List-Id: Dinner <dinner.example.org>
            X-Not-Signed: yes

            Hi.\t\s

            We lost the game.  Are you hungry yet?

            Joe.
            """.replace("\n", "\r\n");

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    static KeyPair keys(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static KeyLookup lookup(KeyPair keys) {
        return (s, d) -> s.equals("sel") && d.equals("example.org")
                ? new KeyLookup.Records(List.of(KeyRecord.publish(keys.getPublic()))) : new KeyLookup.NoKey();
    }

    static List<DkimResult> verify(String message, KeyLookup keys) {
        return new DkimVerifier(keys).verify(message.getBytes(StandardCharsets.ISO_8859_1), NOW);
    }

    @Test
    void signedMessagesVerifyAndTamperedOnesFail() {
        for (String algorithm : new String[] {"Ed25519", "RSA"}) {
            KeyPair keys = keys(algorithm);
            for (Canonicalization c : Canonicalization.values()) {
                DkimSigner signer = new DkimSigner(keys.getPrivate(), "example.org", "sel", DkimSigner.DEFAULT_HEADERS, c, c);
                String signed = signer.sign(MESSAGE.getBytes(StandardCharsets.ISO_8859_1), NOW) + MESSAGE;
                String what = algorithm + " " + c;
                assertThat(verify(signed, lookup(keys))).as(what).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
                assertThat(verify(signed.replace("hungry", "angry"), lookup(keys))).as(what).extracting(DkimResult::verdict)
                        .containsExactly(DkimResult.Verdict.FAIL);
                assertThat(verify(signed.replace("From: Joe", "From: Jim"), lookup(keys))).as(what).extracting(DkimResult::verdict)
                        .containsExactly(DkimResult.Verdict.FAIL);
                // From is oversigned: a second From breaks the signature.
                assertThat(verify(signed.replace("To: Suzie", "From: evil@example.com\r\nTo: Suzie"), lookup(keys))).as(what)
                        .extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.FAIL);
                // Another key under the same name: the signature does not verify.
                assertThat(verify(signed, lookup(keys(algorithm)))).as(what).extracting(DkimResult::verdict)
                        .containsExactly(DkimResult.Verdict.FAIL);
            }
        }
    }

    /** RFC 6376 §5.4.2: repeated fields are signed bottom up, so one prepended above them changes nothing. */
    @Test
    void repeatedFieldsAreTakenBottomUp() {
        KeyPair keys = keys("Ed25519");
        String message = MESSAGE.replace("To: Suzie", "Cc: one@example.net\r\nCc: two@example.net\r\nTo: Suzie");
        String signed = DkimSigner.relaxed(keys.getPrivate(), "example.org", "sel").sign(message.getBytes(StandardCharsets.ISO_8859_1), NOW)
                + message;
        assertThat(signed).contains("h=from:from:to:cc:cc:");
        assertThat(verify(signed, lookup(keys))).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
        // A Cc above the signed ones (as relays prepend) is not what h= picks: still pass.
        String prepended = signed.replace("From: Joe", "Cc: added@example.net\r\nFrom: Joe");
        assertThat(verify(prepended, lookup(keys))).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
        // A Cc below them is: fail.
        String appendedBelow = signed.replace("X-Not-Signed: yes", "X-Not-Signed: yes\r\nCc: last@example.net");
        assertThat(verify(appendedBelow, lookup(keys))).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.FAIL);
    }

    @Test
    void relaxedSurvivesWhitespaceAndHeaderCaseChanges() {
        KeyPair keys = keys("Ed25519");
        String signed = DkimSigner.relaxed(keys.getPrivate(), "example.org", "sel").sign(MESSAGE.getBytes(StandardCharsets.ISO_8859_1), NOW)
                + MESSAGE;
        String rewritten = signed.replace("Subject: Is dinner", "SUBJECT:   Is dinner").replace("We lost", "We  lost")
                .replace("Joe.\r\n", "Joe.\r\n\r\n\r\n");
        assertThat(verify(rewritten, lookup(keys))).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
    }

    @Test
    void fieldNamesTheRightTagsAndFoldsAt78Columns() throws DkimException {
        KeyPair keys = keys("RSA");
        String field = DkimSigner.relaxed(keys.getPrivate(), "example.org", "sel").sign(MESSAGE.getBytes(StandardCharsets.ISO_8859_1), NOW);
        assertThat(field).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;").endsWith("\r\n");
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        }
        DkimSignature sig = DkimSignature.parse(field.substring(field.indexOf(':') + 1));
        assertThat(sig.signedHeaders()).containsExactly("from", "from", "to", "subject", "date", "message-id", "list-id");
        assertThat(sig.timestamp()).hasValue(NOW.getEpochSecond());
        assertThat(sig.domain()).isEqualTo("example.org");
        assertThat(sig.selector()).isEqualTo("sel");
    }

    @Test
    void refusesShortRsaKeysAndOtherKeyTypes() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        var shortKey = g.generateKeyPair().getPrivate();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DkimSigner.relaxed(shortKey, "example.org", "sel"))
                .hasMessageContaining("1024");
        var ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DkimSigner.relaxed(ec, "example.org", "sel"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingWithTheRfc8463KeyVerifiesWithItsPublishedRecord() throws Exception {
        // RFC 8463 A.1: the Ed25519 private key (seed) nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=, A.2 its record.
        byte[] seed = java.util.Base64.getDecoder().decode("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
        byte[] pkcs8 = KeyRecord.concat(new byte[] {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                0x04, 0x22, 0x04, 0x20}, seed);
        var key = java.security.KeyFactory.getInstance("Ed25519").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
        String signed = DkimSigner.relaxed(key, "football.example.com", "brisbane").sign(MESSAGE.getBytes(StandardCharsets.ISO_8859_1), NOW)
                + MESSAGE;
        assertThat(verify(signed, Rfc8463ExampleTest.LOOKUP)).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
    }
}
