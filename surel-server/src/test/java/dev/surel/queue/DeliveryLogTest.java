package dev.surel.queue;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.surel.queue.QueuedRecipient.State;
import dev.surel.queue.SqlMailQueue.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The delivery line's fields for outcomes the end-to-end test ({@code LogFileTest}) does not reach
 * in a few seconds: an expired recipient (4.4.7 after {@code [queue] lifetime}), a deferral with no
 * peer (relay=none), the delay's two forms, a sub-addressed recipient (orig_to), and a peer reply
 * carrying CR LF that tries to start a forged line. Captured from the logger itself.
 */
class DeliveryLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(DeliveryLog.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        appender.stop();
    }

    private static QueuedMessage message(String from, QueueRecipient to) {
        QueuedRecipient r = new QueuedRecipient(7, "Q1", to, State.QUEUED, false, false, 2, RECEIVED, null, null, null, null);
        return new QueuedMessage("Q1", "hash", 4213, from, null, null, Envelope.BodyType.SEVEN_BIT, false, null, null, RECEIVED, List.of(r));
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void expiredDeferredAndLocalLines() {
        QueuedMessage remote = message("alice@example.com", new QueueRecipient("dave@example.org", null, "dave@example.org", null, Set.of()));
        QueuedRecipient r = remote.recipients().getFirst();
        DeliveryLog.attempt(remote, r, Update.finished(7, State.FAILED, "4.4.7", "451 4.4.1 connection refused", null, true),
                null, RECEIVED.plus(Duration.ofDays(5)));
        DeliveryLog.attempt(remote, r, Update.retry(7, RECEIVED, "4.4.3", "4.4.3 DNS timeout", null), null,
                RECEIVED.plusMillis(420));
        QueuedMessage local = message("", new QueueRecipient("alice@example.com", 1L, "Alice+news@Example.com", null, Set.of()));
        DeliveryLog.attempt(local, local.recipients().getFirst(),
                Update.finished(7, State.DELIVERED, "2.0.0", "250 2.0.0 delivered to INBOX", null, false), DeliveryLog.LOCAL,
                RECEIVED.plusSeconds(31));
        assertThat(lines()).containsExactly(
                "queue Q1: to=<dave@example.org> from=<alice@example.com> size=4213 delay=432000 relay=none dsn=4.4.7 "
                        + "status=expired (451 4.4.1 connection refused)",
                "queue Q1: to=<dave@example.org> from=<alice@example.com> size=4213 delay=0.42 relay=none dsn=4.4.3 "
                        + "status=deferred (4.4.3 DNS timeout)",
                "queue Q1: to=<alice@example.com> orig_to=<Alice+news@Example.com> from=<> size=4213 delay=31 relay=local "
                        + "dsn=2.0.0 status=sent (250 2.0.0 delivered to INBOX)");
        Map<String, Object> kv = appender.list.getFirst().getKeyValuePairs().stream()
                .collect(Collectors.toMap(p -> p.key, p -> p.value));
        assertThat(kv).containsEntry("queue_id", "Q1").containsEntry("status", "expired").containsEntry("dsn", "4.4.7")
                .containsEntry("relay", "none").containsEntry("attempt", 3).containsEntry("size", 4213L);
    }

    @Test
    void aReplyWithLineBreaksCannotForgeALine() {
        QueuedMessage m = message("alice@example.com", new QueueRecipient("bob@example.net", null, "bob@example.net", null, Set.of()));
        DeliveryLog.attempt(m, m.recipients().getFirst(), Update.finished(7, State.FAILED, "5.0.0",
                        "550 no\r\nqueue Q2: to=<eve@example.net> status=sent", "mx.example.net[192.0.2.1]:25", true), null, RECEIVED);
        assertThat(lines()).containsExactly("queue Q1: to=<bob@example.net> from=<alice@example.com> size=4213 delay=0.00 "
                + "relay=mx.example.net[192.0.2.1]:25 dsn=5.0.0 status=bounced (550 no  queue Q2: to=<eve@example.net> status=sent)");
    }
}
