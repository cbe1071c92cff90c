package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 8463 Appendix A: the example message signed with ed25519-sha256 (selector brisbane) and
 * rsa-sha256 (selector test), checked with the keys of A.2. The text is that of the RFC (as
 * also kept in dkimpy's test data, data/rfc6376.signed.msg).
 */
class Rfc8463ExampleTest {

    static final String SIGNED = """
            DKIM-Signature: v=1; a=ed25519-sha256; c=simple/simple;\s
             d=football.example.com; i=@football.example.com;\s
             q=dns/txt; s=brisbane; t=1518460054; h=from : to :\s
             subject : date : message-id : from : subject : date;\s
             bh=4bLNXImK9drULnmePzZNEBleUanJCX5PIsDIFoH4KTQ=;\s
             b=9/dsDChY0YMTtD5Eyw3wx7x22BlSJP7M5ECbJ7GWrR45nXlTCGb8l0YB
             o0wBLR++X5LqmsxXaOYLLJe46l10AQ==
            DKIM-Signature: v=1; a=rsa-sha256; c=simple/simple;\s
             d=football.example.com; i=@football.example.com;\s
             q=dns/txt; s=test; t=1527915362; h=from : to : subject :\s
             date : message-id : from : subject : date;\s
             bh=4bLNXImK9drULnmePzZNEBleUanJCX5PIsDIFoH4KTQ=;\s
             b=icKcLSEZYXJ95flvWE8FT6hl5iqd8MC/LEKYH0QjsqYy6MO/4pgVNCZH
             l/RAXAuADxE/40Fg7uTlxwwD1hjN2Ple6J//cJfslBdDOq6zTVbne1dqtl
             NOat7iamJ1AfRqyG+ja7a2AZsrpUuJ7VA6O+0zRYPqpwMEkEFIzI9i/Xk=
            From: Joe SixPack <joe@football.example.com>
            To: Suzie Q <suzie@shopping.example.net>
            Subject: Is dinner ready?
            Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
            Message-ID: <20030712040037.46341.5F8J@football.example.com>

            Hi.

            We lost the game.  Are you hungry yet?

            Joe.
            """.replace("\n", "\r\n");

    /** RFC 8463 A.2. */
    static final Map<String, String> KEYS = Map.of(
            "brisbane", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "test", "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB");

    static final KeyLookup LOOKUP = (selector, domain) -> domain.equals("football.example.com") && KEYS.containsKey(selector)
            ? new KeyLookup.Records(List.of(KEYS.get(selector))) : new KeyLookup.NoKey();

    static List<DkimResult> verify(String message, KeyLookup keys) {
        return new DkimVerifier(keys).verify(message.getBytes(StandardCharsets.ISO_8859_1), Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void bothExampleSignaturesPass() {
        List<DkimResult> results = verify(SIGNED, LOOKUP);
        assertThat(results).extracting(DkimResult::reason).containsOnly("good signature");
        assertThat(results).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS, DkimResult.Verdict.PASS);
        assertThat(results).extracting(DkimResult::algorithm).containsExactly("ed25519-sha256", "rsa-sha256");
        assertThat(results.get(0).domain()).isEqualTo("football.example.com");
        assertThat(results.get(0).unsignedBodyFollows()).isFalse();
    }

    @Test
    void changedBodyFailsTheBodyHash() {
        List<DkimResult> results = verify(SIGNED.replace("hungry", "Hungry"), LOOKUP);
        assertThat(results).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.FAIL, DkimResult.Verdict.FAIL);
        assertThat(results.get(0).reason()).contains("body hash");
    }

    @Test
    void changedSignedHeaderFailsTheSignature() {
        List<DkimResult> results = verify(SIGNED.replace("Subject: Is dinner ready?", "Subject: Is lunch ready?"), LOOKUP);
        assertThat(results).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.FAIL, DkimResult.Verdict.FAIL);
        assertThat(results.get(1).reason()).contains("signature did not verify");
    }

    @Test
    void simpleHeaderCanonicalizationSeesWhitespace() {
        List<DkimResult> results = verify(SIGNED.replace("Subject: Is", "Subject:  Is"), LOOKUP);
        assertThat(results).extracting(DkimResult::verdict).containsOnly(DkimResult.Verdict.FAIL);
    }

    @Test
    void addedSecondSubjectBreaksTheOversignedSignature() {
        // h= names subject twice: a Subject added above the original is signed as "missing" and breaks it.
        List<DkimResult> results = verify(SIGNED.replace("From: Joe", "Subject: Free money\r\nFrom: Joe"), LOOKUP);
        assertThat(results).extracting(DkimResult::verdict).containsOnly(DkimResult.Verdict.FAIL);
    }

    @Test
    void keyLookupOutcomesMapToRfc8601Results() {
        assertThat(verify(SIGNED, (s, d) -> new KeyLookup.NoKey())).extracting(DkimResult::verdict)
                .containsOnly(DkimResult.Verdict.PERMERROR);
        assertThat(verify(SIGNED, (s, d) -> new KeyLookup.Temporary("SERVFAIL"))).extracting(DkimResult::verdict)
                .containsOnly(DkimResult.Verdict.TEMPERROR);
        assertThat(verify(SIGNED, (s, d) -> new KeyLookup.Records(List.of("v=DKIM1; k=ed25519; p=")))).extracting(DkimResult::reason)
                .containsOnly("key revoked");
        // The other algorithm's key: k= does not fit a=.
        assertThat(verify(SIGNED, (s, d) -> new KeyLookup.Records(List.of(KEYS.get("brisbane"))))).extracting(DkimResult::verdict)
                .containsExactly(DkimResult.Verdict.PASS, DkimResult.Verdict.PERMERROR);
        assertThat(DkimResult.Verdict.TEMPERROR.rfc8601()).isEqualTo("temperror");
    }

    @Test
    void brokenSignatureFieldIsNeutralAndOthersStillCount() {
        String message = "DKIM-Signature: v=1; a=rsa-sha256; b=AAAA\r\n" + SIGNED;
        assertThat(verify(message, LOOKUP)).extracting(DkimResult::verdict)
                .containsExactly(DkimResult.Verdict.NEUTRAL, DkimResult.Verdict.PASS, DkimResult.Verdict.PASS);
    }

    /** RFC 6376 §3.5 x=, §6.1.1: an expired signature is not processed (RFC 8601 neutral). */
    @Test
    void expiredSignatureIsNeutral() {
        String message = SIGNED.replace("t=1518460054;", "t=1518460054; x=1518460055;");
        List<DkimResult> results = new DkimVerifier(LOOKUP).verify(message.getBytes(StandardCharsets.ISO_8859_1),
                Instant.ofEpochSecond(1518460056));
        assertThat(results.get(0).verdict()).isEqualTo(DkimResult.Verdict.NEUTRAL);
        assertThat(results.get(0).reason()).isEqualTo("signature expired (x=)");
        assertThat(results.get(1).verdict()).isEqualTo(DkimResult.Verdict.PASS);
    }

    @Test
    void checksAtMostTheLimit() {
        String message = "DKIM-Signature: v=1\r\n".repeat(20) + SIGNED;
        assertThat(new DkimVerifier(LOOKUP, 10).verify(message.getBytes(StandardCharsets.ISO_8859_1), Instant.EPOCH)).hasSize(10);
    }

    @Test
    void noSignatureGivesNoResult() {
        String unsigned = SIGNED.substring(SIGNED.indexOf("From: Joe"));
        assertThat(verify(unsigned, LOOKUP)).isEmpty();
    }
}
