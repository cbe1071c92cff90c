package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AutoReply}: the vacation reply (RFC 5230 §5, RFC 3834) and the rejection MDN (RFC 5429 §2.1.1). */
class AutoReplyTest {

    static final ZonedDateTime DATE = ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneOffset.UTC);
    static final SieveMessage ORIGINAL = MimeSieveMessage.of(("From: carol@example.org\r\nTo: alice@example.test\r\n"
            + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nMessage-ID: <m1@example.org>\r\nReferences: <m0@example.org>\r\n\r\nHi\r\n")
            .getBytes(StandardCharsets.UTF_8), "carol@example.org", "alice@example.test");

    static SieveAction.Vacation vacation(String subject, String reason, boolean mime) {
        return new SieveAction.Vacation(86_400, subject, null, List.of(), mime, "h", reason);
    }

    static String reply(SieveAction.Vacation v) {
        return new String(AutoReply.vacation(v, AutoReply.Original.of(ORIGINAL), "<alice@example.test>", "carol@example.org",
                "<r1@mx.example.test>", DATE), StandardCharsets.UTF_8);
    }

    @Test
    void theReplyAnswersTheMessageAndSaysItIsAutomatic() {
        String r = reply(vacation(null, "Away.", false));
        assertThat(r).contains("To: <carol@example.org>\r\n", "In-Reply-To: <m1@example.org>\r\n",
                "References: <m0@example.org> <m1@example.org>\r\n", "Auto-Submitted: auto-replied (vacation)\r\n",
                "Content-Transfer-Encoding: 7bit\r\n\r\nAway.\r\n");
        // §4.5: without :subject, "Auto: " and the original subject, encoded again as it is not ASCII
        assertThat(r).containsPattern("Subject: =\\?UTF-8\\?.*\r\n");
        assertThat(r.chars().allMatch(c -> c < 128)).isTrue();
    }

    @Test
    void aNonAsciiReasonIsBase64AndAMimeReasonIsTheBody() {
        assertThat(reply(vacation("Away", "Bin weg, grüß dich", false))).contains("charset=utf-8\r\nContent-Transfer-Encoding: base64");
        String mime = reply(vacation("Away", "Content-Type: text/html\r\n\r\n<p>Away</p>\r\n", true));
        assertThat(mime).endsWith("MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<p>Away</p>\r\n");
    }

    @Test
    void theRejectionIsAnMdnWithTheDispositionDeleted() {
        String r = new String(AutoReply.rejection("No, thanks.", AutoReply.Original.of(ORIGINAL), "mx.example.test",
                "alice@example.test", "<MAILER-DAEMON@mx.example.test>", "carol@example.org", "<r2@mx.example.test>", DATE,
                "Subject: x\r\n".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(r).contains("report-type=disposition-notification", "Reporting-UA: mx.example.test; Surel Sieve\r\n",
                "Final-Recipient: rfc822; alice@example.test\r\n", "Original-Message-ID: <m1@example.org>\r\n",
                "Disposition: automatic-action/MDN-sent-automatically; deleted\r\n", "No, thanks.",
                "Content-Type: text/rfc822-headers\r\n\r\nSubject: x\r\n");
    }
}
