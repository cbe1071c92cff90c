package dev.surel.queue;

import static dev.surel.queue.QueueKit.accept;
import static dev.surel.queue.QueueKit.envelope;
import static dev.surel.queue.QueueKit.local;
import static dev.surel.queue.QueueKit.remote;
import static dev.surel.queue.QueueKit.start;
import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static dev.surel.testkit.TestData.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.queue.QueueRecipient.Notify;
import dev.surel.testkit.TestStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery from the queue: local INBOX delivery with Return-Path and Delivered-To, remote
 * deferrals with backoff until the lifetime, permanent failures, DSNs (RFC 3461 NOTIFY/RET/
 * ENVID/ORCPT, RFC 3464 content) and the rules against bounces of bounces. Remote peers are a
 * scripted {@link RemoteTransport}; time is a MutableClock.
 */
class QueueDeliveryTest {

    @TempDir java.nio.file.Path dir;

    private static final String MESSAGE = "Subject: hello\r\nMessage-ID: <m1@example.test>\r\n\r\nbody line\r\n";

    @Test
    void localRecipientsGetTheMessageWithReturnPathAndDeliveredTo() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            start(f, new ScriptedTransport());
            String id = accept(f, envelope("sender@remote.test", local(f, ALICE), local(f, BOB)), MESSAGE);
            await("delivery to alice and bob", () -> f.inbox(f.alice()).size() == 1 && f.inbox(f.bob()).size() == 1);
            assertThat(f.inbox(f.alice()).getFirst())
                    .isEqualTo("Return-Path: <sender@remote.test>\r\nDelivered-To: alice@example.test\r\n" + MESSAGE);
            assertThat(f.inbox(f.bob()).getFirst())
                    .isEqualTo("Return-Path: <sender@remote.test>\r\nDelivered-To: bob@example.test\r\n" + MESSAGE);
            await("the message leaves the queue", () -> f.queue().find(id).isEmpty());
            assertThat(f.queue().list()).isEmpty();
        }
    }

    @Test
    void aDeletedRecordIsNeverDeliveredLocally() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            String id = accept(f, envelope("sender@remote.test", local(f, ALICE)), MESSAGE);
            QueuedMessage m = f.queue().find(id).orElseThrow();
            f.queue().delete(id); // deleted while a delivery task holds it
            LocalDelivery local = new LocalDelivery(f.queue(), f.store(), new Outcomes(f.config().queue()), f.clock());
            local.deliver(m);
            assertThat(f.inbox(f.alice())).as("append rolled back with the record update").isEmpty();
        }
    }

    @Test
    void aUserRemovedAfterTheAcceptGetsTheSenderAFailureDsn() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            String id = accept(f, envelope("alice@example.test", local(f, BOB)), MESSAGE);
            f.services().directory().removeUser("bob@example.test");
            start(f, new ScriptedTransport());
            await("the DSN in alice's INBOX", () -> f.inbox(f.alice()).size() == 1);
            ParsedDsn dsn = ParsedDsn.parse(f.inbox(f.alice()).getFirst());
            assertThat(dsn.header("Return-Path")).isEqualTo("<>");
            assertThat(dsn.perRecipient()).hasSize(1);
            assertThat(dsn.perRecipient().getFirst())
                    .containsEntry("Final-Recipient", "rfc822;bob@example.test")
                    .containsEntry("Action", "failed")
                    .containsEntry("Status", "5.1.1");
            assertThat(dsn.perRecipient().getFirst().get("Diagnostic-Code")).startsWith("smtp; 550 5.1.1");
            assertThat(dsn.returnedType()).isEqualTo("message/rfc822");
            assertThat(dsn.returned()).contains("Subject: hello").contains("body line");
            await("both messages leave the queue", () -> f.queue().list().isEmpty());
            assertThat(f.queue().find(id)).isEmpty();
        }
    }

    @Test
    void overQuotaIsDeferredThenFailsWithADsnAtTheLifetime() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            f.services().directory().setQuota("bob@example.test",
                    new dev.surel.accounts.Quota(java.util.OptionalLong.empty(), java.util.OptionalLong.of(1)));
            long inbox = f.store().mailbox(f.bob(), "INBOX").id();
            f.store().append(f.bob(), inbox, dev.surel.store.NewMessage.of(new java.io.ByteArrayInputStream("Subject: full\r\n\r\n".getBytes())));
            QueueRunner runner = start(f, new ScriptedTransport());
            String id = accept(f, envelope("alice@example.test", local(f, BOB)), MESSAGE);
            await("deferral", () -> record(f, id).attempts() == 1);
            assertThat(record(f, id).state()).isEqualTo(QueuedRecipient.State.QUEUED);
            assertThat(record(f, id).lastStatus()).isEqualTo("4.2.2");
            assertThat(f.inbox(f.alice())).isEmpty();
            f.mutableClock().advance(Duration.ofDays(5));
            runner.poke();
            await("the expiry DSN", () -> f.inbox(f.alice()).size() == 1);
            ParsedDsn dsn = ParsedDsn.parse(f.inbox(f.alice()).getFirst());
            assertThat(dsn.perRecipient().getFirst()).containsEntry("Final-Recipient", "rfc822;bob@example.test")
                    .containsEntry("Action", "failed").containsEntry("Status", "4.4.7")
                    .containsEntry("Diagnostic-Code", "smtp; 452 4.2.2 <bob@example.test>: mailbox full");
            assertThat(f.inbox(f.bob())).hasSize(1);
        }
    }

    @Test
    void deferralsBackOffUntilTheLifetimeThenFailWithADsn() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            ScriptedTransport t = new ScriptedTransport();
            QueueRunner runner = start(f, t);
            String id = accept(f, envelope("alice@example.test", remote("carol@remote.test")), MESSAGE);
            ScriptedTransport.Call first = t.calls.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.message().domain()).isEqualTo("remote.test");
            assertThat(first.content()).isEqualTo(MESSAGE);
            // backoff: 1m, 2m, 4m after the 1st, 2nd, 3rd deferral
            Duration[] waits = {Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)};
            for (int i = 0; i < waits.length; i++) {
                int attempts = i + 1;
                await("deferral recorded", () -> record(f, id).attempts() == attempts);
                QueuedRecipient r = record(f, id);
                assertThat(r.state()).isEqualTo(QueuedRecipient.State.QUEUED);
                assertThat(r.nextAttemptAt()).isEqualTo(f.mutableClock().instant().plus(waits[i]));
                assertThat(r.lastStatus()).isEqualTo("4.7.1");
                f.mutableClock().advance(waits[i].minusSeconds(1));
                runner.poke();
                assertThat(t.calls.poll(300, TimeUnit.MILLISECONDS)).as("not due yet").isNull();
                f.mutableClock().advance(Duration.ofSeconds(1));
                runner.poke();
                assertThat(t.calls.poll(10, TimeUnit.SECONDS)).as("retry %d", attempts).isNotNull();
            }
            await("the 4th deferral recorded", () -> record(f, id).attempts() == 4);
            assertThat(f.inbox(f.alice())).as("no delay DSN").isEmpty();
            f.mutableClock().advance(Duration.ofDays(5));
            runner.poke();
            assertThat(t.calls.poll(10, TimeUnit.SECONDS)).isNotNull();
            await("the expiry DSN", () -> f.inbox(f.alice()).size() == 1);
            ParsedDsn dsn = ParsedDsn.parse(f.inbox(f.alice()).getFirst());
            assertThat(dsn.perRecipient().getFirst())
                    .containsEntry("Final-Recipient", "rfc822;carol@remote.test")
                    .containsEntry("Action", "failed")
                    .containsEntry("Status", "4.4.7")
                    .containsEntry("Remote-MTA", "dns; mx.remote.test")
                    .containsEntry("Diagnostic-Code", "smtp; 451 4.7.1 greylisted, try later");
            await("the message leaves the queue", () -> f.queue().find(id).isEmpty());
        }
    }

    @Test
    void recipientsFailingTogetherGetOneDsnWithEnvidOrcptAndHeadersOnly() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            ScriptedTransport t = new ScriptedTransport();
            t.script = ScriptedTransport::failedBy;
            start(f, t);
            QueueRecipient carol = new QueueRecipient("carol@remote.test", null, "carol@remote.test", "rfc822;Carol@Remote.Test", Set.of());
            QueueRecipient dave = new QueueRecipient("dave@remote.test", null, "dave@remote.test", null, Set.of(Notify.FAILURE));
            Envelope e = new Envelope("alice@example.test", List.of(carol, dave), Envelope.Ret.HDRS, "QQ314159",
                    Envelope.BodyType.SEVEN_BIT, false, "alice@example.test", "192.0.2.1", QueueKit.T0);
            accept(f, e, MESSAGE);
            await("the DSN", () -> f.inbox(f.alice()).size() == 1);
            assertThat(t.calls).hasSize(1);
            assertThat(t.calls.peek().message().recipients()).containsExactly(carol, dave);
            ParsedDsn dsn = ParsedDsn.parse(f.inbox(f.alice()).getFirst());
            assertThat(dsn.contentType().getMimeType()).isEqualTo("multipart/report");
            assertThat(dsn.contentType().getParameter("report-type")).isEqualTo("delivery-status");
            assertThat(dsn.header("From")).isEqualTo("Mail Delivery System <MAILER-DAEMON@mx.example.test>");
            assertThat(dsn.header("To")).isEqualTo("<alice@example.test>");
            assertThat(dsn.header("Auto-Submitted")).isEqualTo("auto-replied");
            assertThat(dsn.parts()).hasSize(3);
            assertThat(dsn.parts().get(0).getMimeType()).isEqualTo("text/plain");
            assertThat(dsn.parts().get(1).getMimeType()).isEqualTo("message/delivery-status");
            assertThat(dsn.perMessage()).containsEntry("Reporting-MTA", "dns; mx.example.test")
                    .containsEntry("Original-Envelope-Id", "QQ314159").containsKey("Arrival-Date");
            assertThat(dsn.perRecipient()).hasSize(2);
            assertThat(dsn.perRecipient().get(0))
                    .containsEntry("Original-Recipient", "rfc822;Carol@Remote.Test")
                    .containsEntry("Final-Recipient", "rfc822;carol@remote.test")
                    .containsEntry("Action", "failed").containsEntry("Status", "5.1.1")
                    .containsEntry("Remote-MTA", "dns; mx.remote.test")
                    .containsEntry("Diagnostic-Code", "smtp; 550 5.1.1 <carol@remote.test>: no such user");
            assertThat(dsn.perRecipient().get(1)).doesNotContainKey("Original-Recipient")
                    .containsEntry("Final-Recipient", "rfc822;dave@remote.test");
            assertThat(dsn.returnedType()).as("RET=HDRS").isEqualTo("text/rfc822-headers");
            assertThat(dsn.returned()).contains("Subject: hello").doesNotContain("body line");
            await("queue empty", () -> f.queue().list().isEmpty());
        }
    }

    @Test
    void notifyNeverSuppressesAndNotifySuccessReportsRelayed() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            ScriptedTransport t = new ScriptedTransport();
            t.script = r -> r.address().startsWith("never") ? ScriptedTransport.failedBy(r) : ScriptedTransport.deliveredBy(r);
            start(f, t);
            accept(f, envelope("alice@example.test", remote("never@remote.test", Notify.NEVER),
                    remote("ok@remote.test", Notify.SUCCESS), remote("quiet@remote.test")), MESSAGE);
            await("the success DSN", () -> f.inbox(f.alice()).size() == 1);
            ParsedDsn dsn = ParsedDsn.parse(f.inbox(f.alice()).getFirst());
            assertThat(dsn.perRecipient()).hasSize(1);
            assertThat(dsn.perRecipient().getFirst()).containsEntry("Final-Recipient", "rfc822;ok@remote.test")
                    .containsEntry("Action", "relayed").containsEntry("Status", "2.0.0");
            assertThat(dsn.returnedType()).as("a success report returns headers").isEqualTo("text/rfc822-headers");
            await("queue empty", () -> f.queue().list().isEmpty());
            assertThat(f.inbox(f.alice())).hasSize(1);
        }
    }

    @Test
    void notifySuccessOnLocalDeliveryReportsDelivered() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            start(f, new ScriptedTransport());
            QueueRecipient bob = new QueueRecipient("bob@example.test", f.bob(), "bob@example.test", null, Set.of(Notify.SUCCESS));
            accept(f, envelope("alice@example.test", bob), MESSAGE);
            await("bob's copy and alice's report", () -> f.inbox(f.bob()).size() == 1 && f.inbox(f.alice()).size() == 1);
            ParsedDsn dsn = ParsedDsn.parse(f.inbox(f.alice()).getFirst());
            assertThat(dsn.perRecipient().getFirst()).containsEntry("Action", "delivered").containsEntry("Status", "2.0.0");
        }
    }

    @Test
    void notifyDelayGetsOneDelayedDsnAfterTheDelayWarning() throws Exception {
        try (TestStore f = QueueKit.setup().toml("queue", "delay_warning = \"4h\"\nretry_max = \"1h\"\n").open(dir)) {
            ScriptedTransport t = new ScriptedTransport();
            QueueRunner runner = start(f, t);
            String id = accept(f, envelope("alice@example.test", remote("carol@remote.test", Notify.DELAY, Notify.FAILURE),
                    remote("quiet@remote.test")), MESSAGE);
            assertThat(t.calls.poll(10, TimeUnit.SECONDS)).isNotNull();
            await("first deferral", () -> record(f, id).attempts() == 1);
            f.mutableClock().advance(Duration.ofHours(4));
            runner.poke();
            assertThat(t.calls.poll(10, TimeUnit.SECONDS)).isNotNull();
            await("the delay DSN", () -> f.inbox(f.alice()).size() == 1);
            ParsedDsn dsn = ParsedDsn.parse(f.inbox(f.alice()).getFirst());
            assertThat(dsn.header("Subject")).isEqualTo("Delayed Mail (still being retried)");
            assertThat(dsn.perRecipient()).as("only the recipient that asked for DELAY").hasSize(1);
            assertThat(dsn.perRecipient().getFirst()).containsEntry("Final-Recipient", "rfc822;carol@remote.test")
                    .containsEntry("Action", "delayed").containsEntry("Status", "4.7.1")
                    .containsEntry("Will-Retry-Until", DsnMessage.date(QueueKit.T0.plus(Duration.ofDays(5))));
            assertThat(record(f, id).state()).isEqualTo(QueuedRecipient.State.QUEUED);
            assertThat(record(f, id).delayReported()).isTrue();
            // later deferrals warn no more; the delivery itself reports nothing (no SUCCESS asked)
            t.script = ScriptedTransport::deliveredBy;
            f.mutableClock().advance(Duration.ofHours(2));
            runner.poke();
            await("delivered", () -> f.queue().find(id).isEmpty());
            assertThat(f.queue().list()).isEmpty();
            assertThat(f.inbox(f.alice())).hasSize(1);
        }
    }

    @Test
    void aDsnOwedAtACrashIsSentAtTheNextStart() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            String id = accept(f, envelope("alice@example.test", remote("carol@remote.test")), MESSAGE);
            // the outcome was recorded, then the process died before the DSN was queued
            long rid = record(f, id).id();
            f.queue().apply(id, List.of(SqlMailQueue.Update.finished(rid, QueuedRecipient.State.FAILED, "5.1.1",
                    "550 5.1.1 no such user", "mx.remote.test", true)));
            assertThat(f.queue().owingReports()).containsExactly(id);
            ScriptedTransport t = new ScriptedTransport();
            start(f, t);
            await("the DSN", () -> f.inbox(f.alice()).size() == 1);
            assertThat(ParsedDsn.parse(f.inbox(f.alice()).getFirst()).perRecipient().getFirst())
                    .containsEntry("Status", "5.1.1").containsEntry("Action", "failed");
            await("queue empty", () -> f.queue().list().isEmpty());
            assertThat(t.calls).as("a failed record is not tried again").isEmpty();
        }
    }

    @Test
    void aBounceIsNeverBounced() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            ScriptedTransport t = new ScriptedTransport();
            t.script = ScriptedTransport::failedBy;
            start(f, t);
            String id = accept(f, envelope("", remote("carol@remote.test")), MESSAGE);
            assertThat(t.calls.poll(10, TimeUnit.SECONDS)).isNotNull();
            await("the failed bounce leaves the queue", () -> f.queue().find(id).isEmpty());
            assertThat(f.queue().list()).as("no DSN queued").isEmpty();
            assertThat(t.calls).isEmpty();
            assertThat(f.inbox(f.alice())).isEmpty();
        }
    }

    @Test
    void aDsnToARemoteSenderGoesThroughTheTransportWithTheNullReversePath() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            ScriptedTransport t = new ScriptedTransport();
            t.script = r -> r.address().equals("sender@remote.test") ? ScriptedTransport.deliveredBy(r) : ScriptedTransport.failedBy(r);
            start(f, t);
            Envelope e = new Envelope("sender@remote.test", List.of(remote("nobody@elsewhere.test")), null, null,
                    Envelope.BodyType.EIGHT_BIT_MIME, true, null, "192.0.2.1", QueueKit.T0);
            accept(f, e, MESSAGE);
            ScriptedTransport.Call original = t.calls.poll(10, TimeUnit.SECONDS);
            assertThat(original.message().envelope().smtputf8()).as("SMTPUTF8 kept for the transport").isTrue();
            assertThat(original.message().envelope().body()).isEqualTo(Envelope.BodyType.EIGHT_BIT_MIME);
            ScriptedTransport.Call bounce = t.calls.poll(10, TimeUnit.SECONDS);
            assertThat(bounce).isNotNull();
            assertThat(bounce.message().envelope().reversePath()).isEmpty();
            assertThat(bounce.message().domain()).isEqualTo("remote.test");
            assertThat(bounce.message().recipients()).extracting(QueueRecipient::address).containsExactly("sender@remote.test");
            ParsedDsn dsn = ParsedDsn.parse(bounce.content());
            assertThat(dsn.perRecipient().getFirst()).containsEntry("Final-Recipient", "rfc822;nobody@elsewhere.test");
            await("queue empty", () -> f.queue().list().isEmpty());
        }
    }

    @Test
    void recordsInFlightAtACrashAreTriedAgain() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
            RemoteTransport stuck = m -> {
                entered.countDown();
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(); // no outcome: the records stay queued
            };
            String id = accept(f, envelope("alice@example.test", remote("carol@remote.test")), MESSAGE);
            QueueRunner dying = new QueueRunner(f.queue(), f.store(), f.services().directory(), stuck, f.config().queue(), f.clock(),
                    QueueKit.HOST).start();
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(record(f, id).state()).as("in flight, still queued on disk").isEqualTo(QueuedRecipient.State.QUEUED);
            // "restart": a new runner over the same database, as after a kill -9
            ScriptedTransport t = new ScriptedTransport();
            t.script = ScriptedTransport::deliveredBy;
            start(f, t);
            assertThat(t.calls.poll(10, TimeUnit.SECONDS)).isNotNull();
            await("delivered", () -> f.queue().find(id).isEmpty());
            hang.countDown(); // the old attempt ends late: it must not resurrect or change anything
            dying.close();
            assertThat(f.queue().list()).isEmpty();
        }
    }

    @Test
    void perDomainConcurrencyIsLimited() throws Exception {
        try (TestStore f = QueueKit.setup().toml("queue", "max_per_domain = 2\n").open(dir)) {
            java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            RemoteTransport slow = m -> {
                peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                calls.incrementAndGet();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now.decrementAndGet();
                return m.recipients().stream().map(ScriptedTransport::deliveredBy).toList();
            };
            for (int i = 0; i < 5; i++) accept(f, envelope("alice@example.test", remote("r" + i + "@remote.test")), MESSAGE);
            start(f, slow);
            await("two attempts running", () -> calls.get() == 2);
            Thread.sleep(200);
            assertThat(calls.get()).as("a third waits for a slot").isEqualTo(2);
            release.countDown();
            await("all delivered", () -> f.queue().list().isEmpty());
            assertThat(calls.get()).isEqualTo(5);
            assertThat(peak.get()).isEqualTo(2);
        }
    }

    @Test
    void aDomainAtItsLimitDoesNotHoldUpOtherDomains() throws Exception {
        try (TestStore f = QueueKit.setup().toml("queue", "max_per_domain = 1\n").open(dir)) {
            java.util.concurrent.CountDownLatch slowGate = new java.util.concurrent.CountDownLatch(1);
            ScriptedTransport fast = new ScriptedTransport();
            fast.script = ScriptedTransport::deliveredBy;
            RemoteTransport t = m -> {
                if (m.domain().equals("slow.test")) {
                    try {
                        slowGate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return m.recipients().stream().map(ScriptedTransport::deliveredBy).toList();
                }
                return fast.deliver(m);
            };
            for (int i = 0; i < 6; i++) accept(f, envelope("alice@example.test", remote("r" + i + "@slow.test")), MESSAGE);
            f.mutableClock().advance(Duration.ofSeconds(1));
            String quick = accept(f, envelope("alice@example.test", remote("x@fast.test")), MESSAGE);
            QueueRunner runner = new QueueRunner(f.queue(), f.store(), f.services().directory(), t, f.config().queue(), f.clock(),
                    QueueKit.HOST);
            runner.batch = 2; // each pass reads 2 records beyond those in flight: all of them slow.test's without the skip
            runner.start();
            try {
                assertThat(fast.calls.poll(10, TimeUnit.SECONDS)).as("fast.test served while slow.test is at its limit").isNotNull();
                await("fast delivered", () -> f.queue().find(quick).isEmpty());
                assertThat(f.queue().list()).hasSize(6);
                slowGate.countDown();
                await("all delivered", () -> f.queue().list().isEmpty());
            } finally {
                slowGate.countDown();
                runner.close();
            }
        }
    }

    private static QueuedRecipient record(TestStore f, String id) {
        return f.queue().find(id).orElseThrow().recipients().getFirst();
    }
}
