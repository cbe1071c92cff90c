package dev.surel.queue;

import dev.surel.accounts.Directory;
import dev.surel.queue.RemoteTransport.RecipientOutcome;
import dev.surel.queue.SqlMailQueue.Update;
import dev.surel.store.MailStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives delivery: one dispatcher (a virtual thread) reads due records and starts a virtual
 * thread per task: all due local recipients of a message ({@link LocalDelivery}), or the due
 * remote recipients of a message that share a domain ({@link RemoteTransport#deliver}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>A record is in at most one task at a time (an in-memory in-flight set); records in
 *       flight when the process dies are still {@code queued} in the database and are tried
 *       again after the restart (at-least-once for remote peers, exactly-once for local
 *       INBOXes, see {@link LocalDelivery}).</li>
 *   <li>At most {@link QueueSettings#maxDeliveries} tasks run at once, at most
 *       {@link QueueSettings#maxPerDomain} of them for one remote domain; the records of a domain
 *       at its limit are left out of the next read, so they never hide other destinations'
 *       due records (no head-of-line blocking).</li>
 *   <li>Time is read from the injected clock only: the dispatcher wakes at once on new work
 *       ({@link SqlMailQueue#onNewWork}, a finished task, {@link #poke}) and otherwise when the
 *       next record is due (at most every {@link #MAX_WAIT} of real time).</li>
 *   <li>A record is done only on a local append or the transport's {@code Delivered}; a
 *       deferral waits {@link QueueSettings#retryDelay} until the lifetime is over, then fails.</li>
 * </ul>
 */
public final class QueueRunner implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QueueRunner.class);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final int BATCH = 500;

    private final SqlMailQueue queue;
    private final RemoteTransport transport;
    private final QueueSettings settings;
    private final Clock clock;
    private final Outcomes outcomes;
    private final LocalDelivery local;
    private final DsnReporter reporter;

    private final Semaphore wake = new Semaphore(0);
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perDomain = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Set<Thread> tasks = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread dispatcher;
    /** Records read per pass beyond those in flight (tests lower it before {@link #start}). */
    int batch = BATCH;

    public QueueRunner(SqlMailQueue queue, MailStore store, Directory directory, RemoteTransport transport,
                       QueueSettings settings, Clock clock, String hostname) {
        this(queue, store, directory, transport, settings, clock, hostname, dev.surel.filter.RecipientSpam.off(), null);
    }

    /**
     * With the per-recipient spam score ({@link dev.surel.filter.RecipientSpam}) added at local
     * delivery, and with {@code sieve} (or null) local recipients' Sieve scripts run there.
     */
    public QueueRunner(SqlMailQueue queue, MailStore store, Directory directory, RemoteTransport transport,
                       QueueSettings settings, Clock clock, String hostname, dev.surel.filter.RecipientSpam spam,
                       dev.surel.sieve.DeliveryScripts sieve) {
        this.queue = queue;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.outcomes = new Outcomes(settings);
        this.local = new LocalDelivery(queue, store, outcomes, clock, spam, sieve == null ? null
                : new SieveDelivery(queue, store, directory, sieve, outcomes, clock, hostname));
        this.reporter = new DsnReporter(queue, store, directory, settings, clock, hostname);
    }

    /** Starts the dispatcher; it first sends DSNs a crash left owed, then delivers what is due. */
    public synchronized QueueRunner start() {
        if (dispatcher != null) return this;
        queue.onNewWork(this::poke);
        dispatcher = Thread.ofVirtual().name("queue-dispatcher").start(this::loop);
        return this;
    }

    /** Wakes the dispatcher to look for due records now (after new work, or a clock change in tests). */
    public void poke() {
        wake.release();
    }

    private void loop() {
        for (String id : safeOwingReports()) reporter.report(id);
        while (!closed) {
            long waitMs;
            try {
                waitMs = pass();
            } catch (RuntimeException e) {
                if (closed) return;
                log.error("queue pass failed", e);
                waitMs = 5_000;
            }
            try {
                if (waitMs > 0) wake.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private List<String> safeOwingReports() {
        try {
            return queue.owingReports();
        } catch (RuntimeException e) {
            log.error("cannot read the queue's owed DSNs", e);
            return List.of();
        }
    }

    /** Dispatches what is due and capacity allows; returns how long to wait (ms) before the next pass. */
    private long pass() {
        boolean blocked = false;
        boolean rescan = false;
        if (running.get() >= settings.maxDeliveries()) {
            blocked = true;
        } else {
            Set<String> saturated = new java.util.HashSet<>();
            perDomain.forEach((d, n) -> {
                if (n.get() >= settings.maxPerDomain()) saturated.add(d);
            });
            if (!saturated.isEmpty()) blocked = true;
            // Taken before the read: a task that finishes during the read has committed its records
            // before leaving inFlight, so a record absent here reads as it is. Checking inFlight after
            // the read instead let a record the read saw still queued, whose task ended meanwhile,
            // be dispatched (and sent) a second time.
            Set<Long> busy = Set.copyOf(inFlight);
            int limit = busy.size() + batch;
            List<QueuedMessage> due = queue.due(clock.instant(), limit, saturated);
            int read = due.stream().mapToInt(m -> m.recipients().size()).sum();
            outer:
            for (QueuedMessage m : due) {
                Map<String, List<QueuedRecipient>> byDestination = new LinkedHashMap<>();
                for (QueuedRecipient r : m.recipients()) {
                    if (busy.contains(r.id())) continue;
                    String key = r.recipient().isLocal() ? "" : domain(r.recipient().address());
                    byDestination.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                }
                for (Map.Entry<String, List<QueuedRecipient>> e : byDestination.entrySet()) {
                    if (closed) return 0;
                    if (running.get() >= settings.maxDeliveries()) {
                        blocked = true;
                        break outer;
                    }
                    String domain = e.getKey().isEmpty() ? null : e.getKey();
                    if (domain != null && count(domain).get() >= settings.maxPerDomain()) {
                        blocked = true;
                        if (read >= limit && !saturated.contains(domain)) rescan = true; // more may hide behind it
                        continue;
                    }
                    dispatch(m.withRecipients(e.getValue()), domain);
                }
            }
        }
        if (rescan) return 0; // a domain reached its limit in this pass: look again past its records
        Instant next = queue.nextDue(Set.copyOf(inFlight));
        if (next == null) return MAX_WAIT.toMillis();
        long ms = Duration.between(clock.instant(), next).toMillis();
        if (ms <= 0) return blocked ? MAX_WAIT.toMillis() : 0;
        return Math.min(ms, MAX_WAIT.toMillis());
    }

    private AtomicInteger count(String domain) {
        return perDomain.computeIfAbsent(domain, d -> new AtomicInteger());
    }

    private void dispatch(QueuedMessage m, String domain) {
        List<Long> ids = m.recipients().stream().map(QueuedRecipient::id).toList();
        inFlight.addAll(ids);
        running.incrementAndGet();
        if (domain != null) count(domain).incrementAndGet();
        Thread t = Thread.ofVirtual().name("queue-" + m.queueId()).unstarted(() -> {
            try {
                boolean owed = domain == null ? local.deliver(m) : remote(m, domain);
                Instant now = clock.instant();
                if (owed || m.recipients().stream().anyMatch(r -> reporter.delayDue(m, r.withAttempted(), now))) {
                    reporter.report(m.queueId());
                }
            } catch (Throwable e) {
                log.error("{}: delivery task failed (records stay queued)", m.queueId(), e);
            } finally {
                inFlight.removeAll(ids);
                if (domain != null) count(domain).decrementAndGet();
                running.decrementAndGet();
                tasks.remove(Thread.currentThread());
                wake.release();
            }
        });
        tasks.add(t);
        t.start();
    }

    /** One attempt for the recipients of {@code m} at {@code domain}; returns true when a DSN may be owed. */
    private boolean remote(QueuedMessage m, String domain) {
        List<QueueRecipient> to = m.recipients().stream().map(QueuedRecipient::recipient).toList();
        Map<QueueRecipient, QueuedRecipient> byIdentity = new IdentityHashMap<>();
        for (QueuedRecipient r : m.recipients()) byIdentity.put(r.recipient(), r);
        List<RecipientOutcome> results;
        try {
            results = transport.deliver(new RemoteTransport.OutboundMessage(m.queueId(), m.envelope(to), domain, to, m.size(),
                    () -> queue.open(m.blobHash())));
        } catch (RuntimeException e) {
            log.error("{}: transport failed for {}: {}", m.queueId(), domain, e.toString());
            results = List.of();
        }
        Instant now = clock.instant();
        Map<Long, Update> updates = new LinkedHashMap<>();
        for (RecipientOutcome o : results) {
            QueuedRecipient r = byIdentity.get(o.recipient());
            if (r == null) r = m.recipients().stream().filter(x -> x.recipient().equals(o.recipient())
                    && !updates.containsKey(x.id())).findFirst().orElse(null);
            if (r == null || updates.containsKey(r.id())) continue;
            Update u = switch (o) {
                case RecipientOutcome.Delivered d -> outcomes.delivered(m, r, d.remoteHost(), d.reply());
                case RecipientOutcome.Deferred d -> outcomes.deferred(m, r, d.remoteHost(), d.reply(), now);
                case RecipientOutcome.Failed f -> outcomes.failed(m, r, f.status(), f.remoteHost(), f.reply());
            };
            if (m.reversePath().isEmpty() && u.state() == QueuedRecipient.State.FAILED) {
                log.warn("{}: delivery to {} failed; the message is a bounce (null reverse-path): no DSN", m.queueId(),
                        r.recipient().address());
            }
            updates.put(r.id(), u);
        }
        for (QueuedRecipient r : m.recipients()) {
            if (!updates.containsKey(r.id())) {
                updates.put(r.id(), outcomes.deferred(m, r, null, "451 4.3.0 no outcome from the transport", now));
            }
        }
        queue.apply(m.queueId(), List.copyOf(updates.values()));
        Instant logged = clock.instant();
        for (QueuedRecipient r : m.recipients()) DeliveryLog.attempt(m, r, updates.get(r.id()), null, logged);
        return updates.values().stream().anyMatch(Update::reportOwed);
    }

    /** The domain of an address, lower-case A-labels (RFC 5890) for the transport. */
    static String domain(String address) {
        return SqlMailQueue.domainOf(address);
    }

    /** Stops dispatching; lets running tasks finish for a few seconds (unfinished records stay queued). */
    @Override
    public void close() {
        closed = true;
        queue.onNewWork(null);
        wake.release();
        try {
            if (dispatcher != null) dispatcher.join(Duration.ofSeconds(5));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (Thread t : List.copyOf(tasks)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                t.join(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
