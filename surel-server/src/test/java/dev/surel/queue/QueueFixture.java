package dev.surel.queue;

import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import dev.surel.server.Services;
import dev.surel.store.MailStore;
import dev.surel.store.MessageMeta;
import dev.surel.store.SpooledMessage;
import dev.surel.store.UidRange;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A data directory with domain example.test and users alice and bob, the services over it on a
 * {@link MutableClock}, and helpers to queue messages and read INBOXes.
 */
final class QueueFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String HOST = "mx.example.test";

    final MutableClock clock = new MutableClock(T0);
    final SurelConfig config;
    final Services services;
    final SqlMailQueue queue;
    final MailStore store;
    final long alice;
    final long bob;
    private final List<QueueRunner> runners = new ArrayList<>();

    QueueFixture(Path dir, String extraToml) throws IOException {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"" + HOST + "\"\ndata_dir = \"data\"\n"
                + "[auth]\nargon2_memory_kib = 1024\nargon2_iterations = 1\n"
                + "[store]\ngc_interval = \"0s\"\n" + extraToml);
        config = ConfigLoader.load(cfg);
        services = Services.open(config, clock);
        queue = services.queue();
        store = services.store();
        services.directory().addDomain("example.test");
        alice = services.directory().addUser("alice@example.test", "pw-alice".toCharArray()).id();
        bob = services.directory().addUser("bob@example.test", "pw-bob".toCharArray()).id();
    }

    QueueFixture(Path dir) throws IOException {
        this(dir, "");
    }

    QueueRunner start(RemoteTransport transport) {
        QueueRunner r = new QueueRunner(queue, store, services.directory(), transport, config.queue(), clock, HOST).start();
        runners.add(r);
        return r;
    }

    String accept(Envelope e, String message) {
        try (SpooledMessage s = store.spool(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)))) {
            return queue.accept(e, s);
        }
    }

    static Envelope envelope(String from, QueueRecipient... to) {
        return new Envelope(from, List.of(to), null, null, Envelope.BodyType.SEVEN_BIT, false, null, "192.0.2.1", T0);
    }

    QueueRecipient alice() {
        return new QueueRecipient("alice@example.test", alice, "alice@example.test", null, Set.of());
    }

    QueueRecipient bob() {
        return new QueueRecipient("bob@example.test", bob, "bob@example.test", null, Set.of());
    }

    static QueueRecipient remote(String address, QueueRecipient.Notify... notify) {
        return new QueueRecipient(address, null, address, null, Set.of(notify));
    }

    /** The messages in an account's INBOX, as text, in UID order. */
    List<String> inbox(long account) {
        long box = store.mailbox(account, "INBOX").id();
        List<String> out = new ArrayList<>();
        for (MessageMeta m : store.messages(account, box, new UidRange(1, Long.MAX_VALUE))) {
            try (InputStream in = store.open(account, box, m.uid()).in()) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Polls {@code condition} for up to 10 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        for (QueueRunner r : runners) r.close();
        services.close();
    }
}
