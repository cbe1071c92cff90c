package dev.surel.queue;

import dev.surel.config.ConfigLoader;
import dev.surel.server.Services;
import dev.surel.store.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The process {@link QueueCrashTest} kills: accepts messages into the queue from several
 * threads (as concurrent SMTP sessions would, sharing group commits) and prints
 * {@code ACK <queue id> <sha256>} after each {@code accept} returned. Args: config file.
 */
public final class QueueCrashChild {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.US_ASCII);
        Services services = Services.open(ConfigLoader.load(Path.of(args[0])), Clock.systemUTC());
        SqlMailQueue queue = services.queue();
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            threads[t] = Thread.ofPlatform().start(() -> {
                for (long n = 0; ; n++) {
                    String text = "Subject: crash " + thread + "-" + n + "-" + System.nanoTime() + "\r\n\r\n" + "x".repeat(4000) + "\r\n";
                    QueueRecipient r = new QueueRecipient("carol@remote.test", null, "carol@remote.test", null, Set.of());
                    Envelope e = new Envelope("alice@example.test", List.of(r), null, null, Envelope.BodyType.SEVEN_BIT, false,
                            null, "192.0.2.1", Instant.now());
                    try (SpooledMessage s = services.store().spool(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
                        String id = queue.accept(e, s);
                        synchronized (out) {
                            out.println("ACK " + id + " " + s.hash());
                            out.flush();
                        }
                    }
                }
            });
        }
        for (Thread t : threads) t.join();
    }
}
