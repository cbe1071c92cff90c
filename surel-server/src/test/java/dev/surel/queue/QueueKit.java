package dev.surel.queue;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;

import dev.surel.store.SpooledMessage;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import dev.surel.testkit.TestStore;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The queue tests' words over the test kit: their data directory (a {@link TestStore}, no
 * server: host mx.example.test, domain example.test with alice and bob, a {@link MutableClock}
 * at {@link #T0}, no store GC) and helpers to queue messages and run the queue on it.
 */
final class QueueKit {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String HOST = "mx.example.test";

    private QueueKit() { }

    /** The queue tests' setup; {@code open(dir)} it. */
    static TestSetup setup() {
        return TestServer.setup().hostname(HOST).tls(TestSetup.Tls.SELF_SIGNED).clock(new MutableClock(T0))
                .user(ALICE, "pw-alice").user(BOB, "pw-bob")
                .toml("store", "gc_interval = \"0s\"");
    }

    /** A queue runner over the store's queue with {@code transport} for remote mail; closed with the store. */
    static QueueRunner start(TestStore s, RemoteTransport transport) {
        return s.closeAfter(new QueueRunner(s.queue(), s.store(), s.directory(), transport, s.config().queue(), s.clock(), HOST).start());
    }

    /** Queues {@code message} (spooled as SMTP does); returns its queue id. */
    static String accept(TestStore s, Envelope e, String message) {
        try (SpooledMessage m = s.store().spool(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)))) {
            return s.queue().accept(e, m);
        }
    }

    static Envelope envelope(String from, QueueRecipient... to) {
        return new Envelope(from, List.of(to), null, null, Envelope.BodyType.SEVEN_BIT, false, null, "192.0.2.1", T0);
    }

    /** A local recipient: the user {@code address} of the store. */
    static QueueRecipient local(TestStore s, String address) {
        return new QueueRecipient(address, s.account(address), address, null, Set.of());
    }

    static QueueRecipient remote(String address, QueueRecipient.Notify... notify) {
        return new QueueRecipient(address, null, address, null, Set.of(notify));
    }
}
