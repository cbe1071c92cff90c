package dev.surel.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Workload {@code imap-idle}: many clients waiting for new mail (RFC 2177), and how fast new mail
 * reaches them.
 *
 * <ol>
 *   <li>Opens {@code --connections} connections, at most {@code --connect-concurrency} being set
 *       up at once, spread over {@code --sources}; connection i logs in as user (i mod
 *       user-count)+1, SELECTs {@code --mailbox} and starts IDLE (done when the server's
 *       {@code +} continuation arrived; Dovecot says {@code + idling}). Each connection then has
 *       a virtual thread reading what the server pushes.</li>
 *   <li>Prints {@code RESULT imap_idle_connections value=<idling> unit=connections errors=<failed>}
 *       and {@code RESULT imap_idle_setup value=<ms to set them all up> unit=ms}, and writes a
 *       line {@code READY} to stderr, or creates {@code --ready-file F} holding
 *       {@code READY} (written to a temp file, then renamed), so that the kit can sample memory;
 *       then waits {@code --pause-seconds} (default 0).</li>
 *   <li>Delivers {@code --deliveries} messages one after the other over one SMTP or LMTP
 *       connection ({@code --deliver smtp|lmtp}), each to a user chosen at random (seeded by
 *       {@code --seed}) among those with idle connections, and waits until every idle connection
 *       of that user saw an {@code * n EXISTS} with a larger n (an error after
 *       {@code --push-timeout-seconds}). One sample per such connection: from reading the
 *       delivery's final 250 to reading the EXISTS (an EXISTS read before the 250 counts as 0 ms
 *       and is reported on stderr). Untimed deliveries fill {@code --warmup-seconds} first.
 *       {@code RESULT imap_idle_push value=<p50 ms> unit=ms p50_ms= p99_ms= ops=<samples> errors=}.</li>
 *   <li>Waits {@code --hold-seconds} (default 0) with all connections open, then closes them.</li>
 * </ol>
 * The process needs an open-file limit above the connection count: it exits 2 and says what to
 * raise otherwise.
 *
 * <p>Server settings this workload needs (learned against Surel and Dovecot 2.3.19 here):
 * Surel: {@code limits.max_connections} above N (default 10000 leaves no room for the SMTP
 * delivery connection), {@code limits.max_connections_per_ip} at least N / sources (default 50),
 * and the server's own {@code ulimit -n} above N. Dovecot: {@code mail_max_userip_connections}
 * (default 10) at least N / users / sources; {@code service imap process_limit} at least N unless
 * idle connections hibernate ({@code imap_hibernate_timeout}, with the imap-hibernate and
 * imap-master sockets reachable by the mail user: mode 0666 in a throw-away setup);
 * {@code fs.inotify.max_user_instances} (Linux default 128, shared by every process of the mail
 * uid) above the number of non-hibernated imap processes, else Dovecot logs "Inotify instance
 * limit ... exceeded" and falls back to polling every {@code mailbox_idle_check_interval} (30 s),
 * which shows up here as push latencies near 30 s.
 */
@Command(name = "imap-idle", mixinStandardHelpOptions = true,
        description = "N connections in IDLE; memory sample point (READY); delivery-to-EXISTS latency.")
final class ImapIdle implements Callable<Integer> {
    @Mixin
    LoadOptions options;

    @Option(names = "--connections", defaultValue = "10000", description = "Idle connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--mailbox", defaultValue = "INBOX", description = "Mailbox (default: ${DEFAULT-VALUE}).")
    String mailbox;

    @Option(names = "--deliver", defaultValue = "smtp", description = "smtp (Surel's port 25 listener) or lmtp (Dovecot) (default: ${DEFAULT-VALUE}).")
    String deliver;

    @Option(names = "--deliver-host", description = "Delivery server (default: --host).")
    String deliverHost;

    @Option(names = "--deliver-port", defaultValue = "0", description = "Delivery port (default: 25 for smtp, 24 for lmtp).")
    int deliverPort;

    @Option(names = "--deliveries", defaultValue = "200", description = "Timed deliveries (default: ${DEFAULT-VALUE}).")
    int deliveries;

    @Option(names = "--hold-seconds", defaultValue = "0", description = "Seconds to keep the connections open after the deliveries (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--pause-seconds", defaultValue = "0", description = "Seconds to wait after READY before delivering (default: ${DEFAULT-VALUE}).")
    int pauseSeconds;

    @Option(names = "--ready-file", description = "File to create with READY once all connections idle (default: a READY line on stderr).")
    Path readyFile;

    @Option(names = "--connect-concurrency", defaultValue = "200", description = "Connections being set up at once (default: ${DEFAULT-VALUE}).")
    int connectConcurrency;

    @Option(names = "--push-timeout-seconds", defaultValue = "60", description = "Longest wait for a delivery's EXISTS (default: ${DEFAULT-VALUE}).")
    int pushTimeoutSeconds;

    @Option(names = "--message-size", defaultValue = "2048", description = "Octets per delivered message, about (default: ${DEFAULT-VALUE}).")
    int messageSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random choice of users (default: ${DEFAULT-VALUE}).")
    long seed;

    private final Report report;
    private volatile boolean closing;
    private volatile Pending pending;

    ImapIdle(Report report) {
        this.report = report;
    }

    /** One idle connection: its user, its place among that user's connections, the last EXISTS it saw. */
    private final class Idler {
        final int index;
        final int user;
        int slot;
        volatile boolean dead;
        volatile ImapClient client;
        long exists = -1;

        Idler(int index, int user) {
            this.index = index;
            this.user = user;
        }

        /** Reads pushed responses until the connection ends. */
        void listen() {
            try {
                while (true) {
                    ImapClient.Response r = client.read();
                    long n = r.number("EXISTS");
                    if (n > exists) {
                        exists = n;
                        Pending p = pending;
                        if (p != null && p.user == user) p.arrived(slot, System.nanoTime());
                    } else if (r.text().startsWith("* BYE") && !closing) {
                        report.error("connection " + index + ": server said " + ImapClient.clip(r.text()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closing) report.error("connection " + index + " ended during IDLE: " + e);
            }
            dead = true;
            Pending p = pending;
            if (p != null && p.user == user) p.lost(slot);
        }
    }

    /** The delivery being waited for: one arrival time per idle connection of its user. */
    private static final class Pending {
        final int user;
        final AtomicLongArray arrival;
        final CountDownLatch all;

        Pending(int user, int connections) {
            this.user = user;
            this.arrival = new AtomicLongArray(connections);
            this.all = new CountDownLatch(connections);
        }

        void arrived(int slot, long now) {
            if (arrival.compareAndSet(slot, 0, now)) all.countDown();
        }

        /** The connection in {@code slot} ended: nothing will arrive there (no sample, and no wait for it). */
        void lost(int slot) {
            if (arrival.compareAndSet(slot, 0, -1)) all.countDown();
        }
    }

    @Override
    public Integer call() throws Exception {
        String tooMany = options.tooManyConnections(connections + 1);
        if (tooMany != null) {
            report.info(tooMany);
            return 2;
        }
        MailSubmitter.Protocol protocol = switch (deliver.toLowerCase(java.util.Locale.ROOT)) {
            case "smtp" -> MailSubmitter.Protocol.SMTP;
            case "lmtp" -> MailSubmitter.Protocol.LMTP;
            default -> throw new IllegalArgumentException("--deliver is smtp or lmtp, not " + deliver);
        };
        if (connections < 1) throw new IllegalArgumentException("--connections must be at least 1");
        options.user(0);
        Connector connector = options.connector(143, 993);

        long t0 = System.nanoTime();
        List<Idler> idlers = open(connector);
        double setupMillis = (System.nanoTime() - t0) / 1e6;
        int idling = idlers.size();
        report.result("imap_idle_connections", idling, "connections", "ops", idling, "errors", connections - idling);
        report.result("imap_idle_setup", setupMillis, "ms", "ops", connections, "errors", connections - idling);
        ready();
        if (pauseSeconds > 0) Thread.sleep(pauseSeconds * 1000L);

        Map<Integer, List<Idler>> byUser = new TreeMap<>();
        for (Idler i : idlers) byUser.computeIfAbsent(i.user, u -> new ArrayList<>()).add(i);

        Histogram push = new Histogram();
        int pushErrors = 0;
        if (!idlers.isEmpty() && deliveries > 0) {
            String host = deliverHost != null ? deliverHost : options.host;
            int port = deliverPort > 0 ? deliverPort : protocol == MailSubmitter.Protocol.LMTP ? 24 : 25;
            Random random = new Random(seed);
            int early = 0;
            try (MailSubmitter submitter = new MailSubmitter(protocol, host, port)) {
                long warmEnd = System.nanoTime() + options.warmupSeconds * 1_000_000_000L;
                int warm = 0;
                while (options.warmupSeconds > 0 && System.nanoTime() < warmEnd) {
                    if (deliverOne(submitter, byUser, random, warm++, null) == null) break;
                }
                if (warm > 0) report.info("imap-idle: " + warm + " untimed warm-up deliveries");
                for (int d = 0; d < deliveries; d++) {
                    int[] outcome = deliverOne(submitter, byUser, random, warm + d, push);
                    if (outcome == null) {
                        pushErrors++;
                        report.error("no idle connection is left to deliver to");
                        break;
                    }
                    pushErrors += outcome[0];
                    early += outcome[1];
                }
            } catch (IOException e) {
                pushErrors++;
                report.error("delivery over " + protocol + " to " + host + ":" + port + ": " + e.getMessage());
            }
            if (early > 0) report.info("imap-idle: " + early + " EXISTS arrived before the delivery's final 250 (counted as 0 ms)");
        }
        report.latency("imap_idle_push", push, pushErrors);

        if (holdSeconds > 0) {
            report.info("imap-idle: holding " + idling + " connections for " + holdSeconds + " s");
            Thread.sleep(holdSeconds * 1000L);
        }
        closing = true;
        for (Idler i : idlers) i.client.close();
        return report.exitCode();
    }

    /** Sets up all connections; returns those that reached IDLE (failures are counted errors). */
    private List<Idler> open(Connector connector) throws InterruptedException {
        Semaphore gate = new Semaphore(Math.max(1, connectConcurrency));
        CountDownLatch done = new CountDownLatch(connections);
        List<Idler> idling = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Idler idler = new Idler(i, options.userIndex(i));
            String user = options.user(i);
            gate.acquire();
            Thread.ofVirtual().name("idle-" + i).start(() -> {
                boolean ok = false;
                ImapClient c = null;
                try {
                    c = ImapClient.connect(connector, options.starttls);
                    c.socket().setSoTimeout(120_000);
                    c.login(user, options.password);
                    ImapClient.expectOk("SELECT", c.command("SELECT " + ImapClient.quote(mailbox), r -> {
                        long n = r.number("EXISTS");
                        if (n >= 0) idler.exists = n;
                    }));
                    c.idle(r -> {
                        long n = r.number("EXISTS");
                        if (n >= 0) idler.exists = n;
                    });
                    c.socket().setSoTimeout(0);
                    idler.client = c;
                    idling.add(idler);
                    ok = true;
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                    report.error("connection " + idler.index + " (" + user + "): " + e);
                    if (c != null) c.close();
                } finally {
                    gate.release();
                    done.countDown();
                }
                if (ok) idler.listen();
            });
        }
        done.await();
        report.info("imap-idle: " + idling.size() + " connections idling, " + failed.get() + " failed, set up in "
                + Report.number((System.nanoTime() - t0) / 1e9) + " s");
        List<Idler> sorted = new ArrayList<>(idling);
        sorted.sort(java.util.Comparator.comparingInt(i -> i.index));
        return sorted;
    }

    private void ready() throws IOException {
        if (readyFile == null) {
            report.info("imap-idle: all connections are idling; READY follows on its own line");
            reportReadyLine();
            return;
        }
        Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(tmp, "READY\n", StandardCharsets.US_ASCII);
        Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void reportReadyLine() {
        report.raw("READY");
    }

    /**
     * Delivers one message to a random user among those with live idle connections and waits for
     * the EXISTS on each of them; records the samples into {@code into} (null: warm-up). Returns
     * {errors, early}, or null when no idle connection is left.
     */
    private int[] deliverOne(MailSubmitter submitter, Map<Integer, List<Idler>> byUser, Random random, int serial, Histogram into)
            throws IOException, InterruptedException {
        List<Integer> users = new ArrayList<>();
        for (var e : byUser.entrySet()) if (e.getValue().stream().anyMatch(i -> !i.dead)) users.add(e.getKey());
        if (users.isEmpty()) return null;
        int user = users.get(random.nextInt(users.size()));
        List<Idler> conns = byUser.get(user).stream().filter(i -> !i.dead).toList();
        for (int k = 0; k < conns.size(); k++) conns.get(k).slot = k;
        Pending p = new Pending(user, conns.size());
        pending = p; // publishes the slots to the listeners
        for (Idler i : conns) if (i.dead) p.lost(i.slot);
        String rcpt = options.user(conns.getFirst().index);
        long t250 = submitter.deliver("load@bench.invalid", rcpt, message(rcpt, serial));
        boolean all = p.all.await(pushTimeoutSeconds, TimeUnit.SECONDS);
        pending = null;
        int errors = 0;
        int early = 0;
        int missing = 0;
        for (int k = 0; k < conns.size(); k++) if (p.arrival.get(k) <= 0) missing++;
        if (!all || missing > 0) {
            errors++;
            report.error("delivery " + serial + " to " + rcpt + ": no EXISTS " + (all ? "(connection lost)" : "within " + pushTimeoutSeconds + " s")
                    + " on " + missing + " of " + conns.size() + " idle connections");
        }
        if (into != null) {
            for (int k = 0; k < conns.size(); k++) {
                long at = p.arrival.get(k);
                if (at <= 0) continue;
                if (at < t250) early++;
                into.recordNanos(at - t250);
            }
        }
        return new int[] {errors, early};
    }

    private byte[] message(String rcpt, int serial) {
        StringBuilder b = new StringBuilder(messageSize + 200);
        b.append("From: Load <load@bench.invalid>\r\nTo: <").append(rcpt).append(">\r\nSubject: idle push ").append(serial)
                .append("\r\nDate: Mon, 23 Nov 2026 08:00:00 +0000\r\nMessage-ID: <idle.").append(serial).append('.').append(System.nanoTime())
                .append("@bench.invalid>\r\n\r\n");
        while (b.length() < messageSize) b.append("Pack my box with five dozen liquor jugs; then pack it again.\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
