package dev.surel.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 3461 §4.3 RET rules and 8-bit handling of {@link DsnMessage}, parsed back with mime4j. */
class DsnMessageTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ORIGINAL = "Subject: caf\u00e9\r\nFrom: s@example.org\r\n\r\nbody \u00e9\r\n";

    private static QueuedMessage message(Envelope.Ret ret, Envelope.BodyType body, boolean utf8, long size) {
        return new QueuedMessage("Q1", "0".repeat(64), size, "s@example.org", ret, null, body, utf8, null, null, T, List.of());
    }

    private static QueuedRecipient failed() {
        QueueRecipient q = new QueueRecipient("r@remote.test", null, "r@remote.test", null, Set.of());
        return new QueuedRecipient(1, "Q1", q, QueuedRecipient.State.FAILED, false, false, 1, T, T, "5.1.1",
                "550 5.1.1 no\r\nsuch user", "mx.remote.test");
    }

    private static ParsedDsn build(QueuedMessage m, long maxReturned) throws Exception {
        try (InputStream in = DsnMessage.build("mx.example.test", m, List.of(failed()), T, T.plusSeconds(3600), maxReturned,
                () -> new ByteArrayInputStream(ORIGINAL.getBytes(StandardCharsets.UTF_8)))) {
            return ParsedDsn.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFailureWithoutRetReturnsTheWholeMessage() throws Exception {
        ParsedDsn d = build(message(null, Envelope.BodyType.EIGHT_BIT_MIME, true, ORIGINAL.length()), 1_000_000);
        assertThat(d.returnedType()).isEqualTo("message/rfc822");
        assertThat(d.returned()).contains("body");
        assertThat(d.parts().get(2).getContentTransferEncoding()).isEqualTo("8bit");
    }

    @Test
    void retHdrsAndOversizedMessagesReturnOnlyTheHeader() throws Exception {
        ParsedDsn hdrs = build(message(Envelope.Ret.HDRS, Envelope.BodyType.SEVEN_BIT, false, ORIGINAL.length()), 1_000_000);
        assertThat(hdrs.returnedType()).isEqualTo("text/rfc822-headers");
        assertThat(hdrs.returned()).contains("From: s@example.org").doesNotContain("body");
        ParsedDsn big = build(message(Envelope.Ret.FULL, Envelope.BodyType.SEVEN_BIT, false, ORIGINAL.length()), 10);
        assertThat(big.returnedType()).isEqualTo("text/rfc822-headers");
    }

    /** RFC 8689 §5: the report of a REQUIRETLS message returns only the header, whatever RET asked. */
    @Test
    void aRequireTlsMessageComesBackAsItsHeaderOnly() throws Exception {
        QueuedMessage m = message(Envelope.Ret.FULL, Envelope.BodyType.SEVEN_BIT, false, ORIGINAL.length());
        QueuedMessage required = new QueuedMessage(m.queueId(), m.blobHash(), m.size(), m.reversePath(), m.ret(), m.envid(), m.body(),
                m.smtputf8(), null, null, T, List.of(), "", false, true);
        assertThat(build(m, 1_000_000).returnedType()).isEqualTo("message/rfc822");
        ParsedDsn d = build(required, 1_000_000);
        assertThat(d.returnedType()).isEqualTo("text/rfc822-headers");
        assertThat(d.returned()).contains("From: s@example.org").doesNotContain("body");
    }

    @Test
    void aPeersMultiLineReplyBecomesOneHeaderLine() throws Exception {
        ParsedDsn d = build(message(null, Envelope.BodyType.SEVEN_BIT, false, ORIGINAL.length()), 1_000_000);
        assertThat(d.perRecipient().getFirst()).containsEntry("Diagnostic-Code", "smtp; 550 5.1.1 no  such user");
        assertThat(d.perMessage()).doesNotContainKey("Original-Envelope-Id");
        assertThat(d.perRecipient().getFirst()).containsEntry("Last-Attempt-Date", DsnMessage.date(T));
    }
}
