package dev.surel.queue;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.SpecialUse;
import dev.surel.store.UidRange;
import dev.surel.testkit.TestStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks' outcome travels with the queued message (schema V5): the Junk mark and the
 * Authentication-Results field are in the record committed with the message, so a store closed
 * between acceptance and delivery (as after a kill -9: no runner ran) delivers the message to
 * Junk with the field prepended when it opens again.
 */
class QueueJunkMarkTest {

    @TempDir Path dir;

    static final String AR = "Authentication-Results: mx.example.test;\r\n\tdmarc=fail header.from=shop.example\r\n";

    @Test
    void junkMarkAndResultsSurviveAReopenAndLocalDeliveryHonoursThem() throws Exception {
        String id;
        try (TestStore s = QueueKit.setup().open(dir)) {
            Envelope e = new Envelope("x@shop.example", List.of(QueueKit.local(s, ALICE)), null, null, Envelope.BodyType.SEVEN_BIT,
                    false, null, "192.0.2.1", QueueKit.T0, AR, true, true);
            id = QueueKit.accept(s, e, "From: <a@shop.example>\r\nSubject: offer\r\n\r\ncheap\r\n");
            Envelope plain = QueueKit.envelope("y@example.org", QueueKit.local(s, ALICE));
            QueueKit.accept(s, plain, "Subject: plain\r\n\r\nx\r\n");
        }
        try (TestStore s = QueueKit.setup().open(dir)) {
            QueuedMessage m = s.queue().find(id).orElseThrow();
            assertThat(m.junk()).isTrue();
            assertThat(m.authResults()).isEqualTo(AR);
            assertThat(m.requireTls()).as("REQUIRETLS (RFC 8689) is kept with the message").isTrue();
            assertThat(s.queue().find(s.queue().list().stream().map(QueuedMessage::queueId).filter(q -> !q.equals(id)).findFirst().orElseThrow())
                    .orElseThrow().requireTls()).isFalse();
            // the user has no Junk mailbox any more: delivery makes one with the \Junk attribute
            s.store().deleteMailbox(s.alice(), "Junk");
            QueueKit.start(s, new UnconfiguredTransport());
            TestStore.await("two deliveries", () -> s.queue().list().isEmpty());
            var junk = s.store().listMailboxes(s.alice()).stream().filter(i -> i.specialUse() == SpecialUse.JUNK).toList();
            assertThat(junk).hasSize(1);
            assertThat(texts(s, junk.getFirst().id())).singleElement().satisfies(t -> assertThat(t)
                    .startsWith("Return-Path: <x@shop.example>\r\nDelivered-To: alice@example.test\r\n" + AR + "From: <a@shop.example>"));
            assertThat(texts(s, s.mailbox(s.alice(), "INBOX"))).singleElement().satisfies(t -> assertThat(t)
                    .contains("Subject: plain").doesNotContain("Authentication-Results"));
        }
    }

    private static List<String> texts(TestStore s, long box) throws Exception {
        List<String> out = new ArrayList<>();
        for (MessageMeta m : s.store().messages(s.alice(), box, UidRange.ALL)) {
            try (SizedStream in = s.store().open(s.alice(), box, m.uid())) {
                out.add(new String(in.in().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
