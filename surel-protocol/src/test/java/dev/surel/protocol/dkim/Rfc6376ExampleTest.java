package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6376 Appendix A: the example message of A.1 signed as in A.2 ({@code d=example.com;
 * s=brisbane}, rsa-sha256, simple/simple, signing Received, From, To, Subject, Date and
 * Message-ID) with the 1024-bit key of Appendix C. The published {@code bh=} and {@code b=}
 * verify once two known defects of the printed figure are undone (RFC 6376 errata): the body was
 * hashed with one space in "game. Are" where the figure prints two, and the continuation lines
 * of the header fields start with six spaces. The figure as printed (two spaces) fails with a
 * body hash mismatch, which the second test pins.
 */
class Rfc6376ExampleTest {

    static final String HEADER = String.join("\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; s=brisbane; d=example.com;",
            "      c=simple/simple; q=dns/txt; i=joe@football.example.com;",
            "      h=Received : From : To : Subject : Date : Message-ID;",
            "      bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            "      b=AuUoFEfDxTDkHlLXSZEpZj79LICEps6eda7W3deTVFOk4yAUoqOB",
            "      4nujc7YopdG5dWLSdNg6xNAZpOPr+kHxt1IrE+NahM6L/LbvaHut",
            "      KVdkLLkpVaVVQPzeRDI009SO2Il5Lu7rDNH6mZckBdrIx0orEtZV",
            "      4bmp/YzhwvcubU4=;",
            "Received: from client1.football.example.com  [192.0.2.1]",
            "      by submitserver.example.com with SUBMISSION;",
            "      Fri, 11 Jul 2003 21:01:54 -0700 (PDT)",
            "From: Joe SixPack <joe@football.example.com>",
            "To: Suzie Q <suzie@shopping.example.net>",
            "Subject: Is dinner ready?",
            "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
            "Message-ID: <20030712040037.46341.5F8J@football.example.com>",
            "", "");

    /** RFC 6376 Appendix C: the public key of brisbane._domainkey.example.com. */
    static final String KEY = "v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjx"
            + "OCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB";

    static final KeyLookup LOOKUP = (s, d) -> s.equals("brisbane") && d.equals("example.com")
            ? new KeyLookup.Records(List.of(KEY)) : new KeyLookup.NoKey();

    private static List<DkimResult> verify(String body) {
        byte[] m = (HEADER + body).getBytes(StandardCharsets.US_ASCII);
        return new DkimVerifier(LOOKUP).verify(m, Instant.parse("2026-12-07T00:00:00Z"));
    }

    @Test
    void thePublishedSignatureVerifiesOverTheBodyItWasMadeOf() {
        List<DkimResult> r = verify("Hi.\r\n\r\nWe lost the game. Are you hungry yet?\r\n\r\nJoe.\r\n");
        assertThat(r).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS);
        assertThat(r.getFirst().identity()).isEqualTo("joe@football.example.com");
    }

    @Test
    void theBodyAsPrintedInTheFigureFailsOnItsBodyHash() {
        List<DkimResult> r = verify("Hi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n");
        assertThat(r).extracting(DkimResult::verdict, DkimResult::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DkimResult.Verdict.FAIL, "body hash did not verify"));
    }
}
