package dev.surel.queue;

import dev.surel.config.ConfigLoader;
import dev.surel.server.Services;
import dev.surel.store.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A manual measurement (not a test): N threads accept M messages of 4 KiB each for local users
 * (as SMTP sessions would after DATA), with the runner delivering; prints the accept rate and
 * the time until every message is in an INBOX. Args: data dir, threads, messages per thread
 * [accept-only | append-only (the store's own append, for comparison)].
 */
public final class QueueThroughput {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int perThread = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"mx.example.test\"\ndata_dir = \"data\"\n[auth]\nargon2_memory_kib = 1024\n"
                + "[store]\ngc_interval = \"0s\"\n");
        var config = ConfigLoader.load(cfg);
        try (Services s = Services.open(config, Clock.systemUTC())) {
            s.directory().addDomain("example.test");
            List<QueueRecipient> users = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long id = s.directory().addUser("u" + i + "@example.test", "pw".toCharArray()).id();
                users.add(new QueueRecipient("u" + i + "@example.test", id, "u" + i + "@example.test", null, Set.of()));
            }
            boolean run = args.length < 4;
            QueueRunner runner = !run ? null : new QueueRunner(s.queue(), s.store(), s.directory(), new UnconfiguredTransport(), config.queue(),
                    Clock.systemUTC(), "mx.example.test").start();
            String body = "x".repeat(76) + "\r\n";
            long t0 = System.nanoTime();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                ts.add(Thread.ofPlatform().start(() -> {
                    for (int n = 0; n < perThread; n++) {
                        StringBuilder m = new StringBuilder("Subject: load " + thread + " " + n + "\r\n\r\n");
                        while (m.length() < 4096) m.append(body);
                        Envelope e = new Envelope("sender@remote.test", List.of(users.get((thread + n) % users.size())), null, null,
                                Envelope.BodyType.SEVEN_BIT, false, null, "127.0.0.1", Instant.now());
                        try (SpooledMessage b = s.store().spool(new ByteArrayInputStream(m.toString().getBytes(StandardCharsets.US_ASCII)))) {
                            if (args.length > 3 && args[3].equals("append-only")) {
                                long acct = e.recipients().getFirst().localAccountId();
                                s.store().append(acct, s.store().mailbox(acct, "INBOX").id(), dev.surel.store.NewMessage.of(b));
                            } else {
                                s.queue().accept(e, b);
                            }
                        }
                    }
                }));
            }
            for (Thread t : ts) t.join();
            long accepted = System.nanoTime();
            int total = threads * perThread;
            while (run && !s.queue().list().isEmpty()) Thread.sleep(50);
            long delivered = System.nanoTime();
            long inboxes = 0;
            for (QueueRecipient u : users) inboxes += s.store().mailbox(u.localAccountId(), "INBOX").messages();
            System.out.printf("%d messages, %d threads: accepted in %.2f s (%.0f/s), all in INBOXes after %.2f s (%.0f/s); INBOX total %d%n",
                    total, threads, (accepted - t0) / 1e9, total / ((accepted - t0) / 1e9), (delivered - t0) / 1e9,
                    total / ((delivered - t0) / 1e9), inboxes);
            if (runner != null) runner.close();
        }
    }
}
