package dev.surel.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * What the session-looping workloads ({@link ImapMixed}, {@link ImapLoginHeavy}) share: {@code
 * clients} virtual threads each loop sessions for the warm-up + duration; every command of a
 * session is timed under one constant of the workload's enum {@code O} (counted only when it
 * started after the warm-up and ended before the end); a failed command counts an error for its
 * constant, closes the session's connection and the client starts a new session after a short
 * pause. At the end: {@code RESULT <total> value=<ops/s> unit=ops/s p50_ms= p99_ms= ops= errors=}
 * over all commands, then {@code RESULT <prefix>_<constant in lower case>} per constant.
 *
 * @param <O> the workload's commands
 */
final class SessionLoop<O extends Enum<O>> {

    /** One session of one client (its state across sessions lives in the instance). */
    @FunctionalInterface
    interface Session<O extends Enum<O>> {
        /** Runs one session, timing its commands with {@code t}; a failed command throws. */
        void run(Timer<O> t) throws Failed;
    }

    /** A command of a session that failed: which one, and why. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final Enum<?> op;

        Failed(Enum<?> op, Throwable cause) {
            super(op + ": " + cause.getMessage(), cause);
            this.op = op;
        }
    }

    /** A command, as the workload writes it. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }

    /** One client's figures, merged at the end. */
    private static final class Stats {
        final Histogram[] latency;
        final int[] errors;
        final Histogram all = new Histogram();
        long sessions;

        Stats(int ops) {
            latency = new Histogram[ops];
            errors = new int[ops];
            for (int i = 0; i < ops; i++) latency[i] = new Histogram();
        }
    }

    /** Times the commands of one client's sessions, and holds the connection a failure closes. */
    static final class Timer<O extends Enum<O>> {
        private final Stats stats;
        private final long from;
        private final long to;
        private ImapClient open;

        private Timer(Stats stats, long from, long to) {
            this.stats = stats;
            this.from = from;
            this.to = to;
        }

        /** Runs {@code step} as command {@code op}; an IOException or RuntimeException of it is its failure. */
        void timed(O op, Step step) throws Failed {
            long t0 = System.nanoTime();
            try {
                step.run();
            } catch (IOException | RuntimeException e) {
                throw new Failed(op, e);
            }
            long t1 = System.nanoTime();
            if (t0 >= from && t1 <= to) {
                stats.latency[op.ordinal()].recordNanos(t1 - t0);
                stats.all.recordNanos(t1 - t0);
            }
        }

        /** The session's connection, closed should a later command fail. */
        ImapClient opened(ImapClient c) {
            open = c;
            return c;
        }

        /** LOGIN timed as {@code op} (the way in: connect, greeting, STARTTLS when asked, LOGIN); the connection is this session's. */
        ImapClient login(O op, LoadOptions options, Connector connector, int client) throws Failed {
            ImapClient[] c = new ImapClient[1];
            timed(op, () -> {
                c[0] = opened(ImapClient.connect(connector, options.starttls));
                c[0].login(options.user(client), options.password);
            });
            return c[0];
        }

        /** SELECT timed as {@code op}: the number of messages its EXISTS said (a failure without one). */
        long select(O op, ImapClient c, String mailbox) throws Failed {
            long[] exists = {-1};
            timed(op, () -> ImapClient.expectOk("SELECT", c.command("SELECT " + ImapClient.quote(mailbox), r -> {
                long n = r.number("EXISTS");
                if (n >= 0) exists[0] = n;
            })));
            if (exists[0] < 0) throw failed(op, "no EXISTS");
            return exists[0];
        }

        /** A failure found after a command answered (a wrong count). */
        Failed failed(O op, String why) {
            return new Failed(op, new IOException(why));
        }

        /** True while the measured time lasts. */
        boolean running() {
            return System.nanoTime() < to;
        }
    }

    private final String workload;
    private final String total;
    private final String prefix;
    private final Class<O> ops;
    private final Report report;

    /**
     * @param workload its name in messages ({@code imap-mixed})
     * @param total    the RESULT name over all commands ({@code imap_mixed_ops})
     * @param prefix   that of each command's, before {@code _<constant>} ({@code imap_mixed})
     */
    SessionLoop(String workload, String total, String prefix, Class<O> ops, Report report) {
        this.workload = workload;
        this.total = total;
        this.prefix = prefix;
        this.ops = ops;
        this.report = report;
    }

    /**
     * Runs {@code clients} clients, client i with the sessions of {@code sessions.apply(i)}, and
     * reports; 2 (and nothing run) when the process cannot hold that many connections.
     */
    int run(LoadOptions options, int clients, int duration, IntFunction<Session<O>> sessions) throws InterruptedException {
        String tooMany = options.tooManyConnections(clients);
        if (tooMany != null) {
            report.info(tooMany);
            return 2;
        }
        options.user(0); // fails early on missing --user/--users
        int warmupSeconds = options.warmupSeconds;
        int n = ops.getEnumConstants().length;
        long from = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long to = from + duration * 1_000_000_000L;
        List<Stats> stats = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Stats s = new Stats(n);
            stats.add(s);
            Session<O> session = sessions.apply(i);
            int client = i;
            threads.add(Thread.ofVirtual().name(workload + "-" + i).start(() -> loop(client, session, new Timer<>(s, from, to), s)));
        }
        report.info(workload + ": " + clients + " clients, " + warmupSeconds + " s warm-up + " + duration + " s measured");
        for (Thread t : threads) t.join();
        Stats total = new Stats(n);
        for (Stats s : stats) {
            for (int k = 0; k < n; k++) {
                total.latency[k].add(s.latency[k]);
                total.errors[k] += s.errors[k];
            }
            total.all.add(s.all);
            total.sessions += s.sessions;
        }
        int errors = 0;
        for (int e : total.errors) errors += e;
        report.result(this.total, total.all.count() / (double) duration, "ops/s", "p50_ms", total.all.percentileMillis(0.5),
                "p99_ms", total.all.percentileMillis(0.99), "ops", total.all.count(), "errors", errors);
        for (O op : ops.getEnumConstants()) {
            report.latency(prefix + "_" + op.name().toLowerCase(Locale.ROOT), total.latency[op.ordinal()], total.errors[op.ordinal()]);
        }
        report.info(workload + ": " + total.sessions + " sessions begun");
        return report.exitCode();
    }

    private void loop(int client, Session<O> session, Timer<O> timer, Stats stats) {
        while (timer.running()) {
            stats.sessions++;
            timer.open = null;
            try {
                session.run(timer);
                if (timer.open != null) timer.open.close();
            } catch (Failed e) {
                stats.errors[e.op.ordinal()]++;
                report.error(workload + " client " + client + ": " + e.getMessage());
                if (timer.open != null) timer.open.close();
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
