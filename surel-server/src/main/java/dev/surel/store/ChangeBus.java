package dev.surel.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Per-account, in-process publish/subscribe of committed changes.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The store publishes a transaction's events only after it committed, so a subscriber
 *       never sees an event for data it cannot read yet. It publishes while still holding the
 *       write lock (so events of one account arrive in commit order); that is safe because
 *       publishing only offers to in-memory queues: no I/O, no waiting.</li>
 *   <li>Publishing never blocks: each {@link Subscription} has a bounded queue; when it is full
 *       the event is dropped and the subscription is marked {@link Subscription#overflowed()}.
 *       A session that sees the overflow flag must resynchronise from the store (e.g. IMAP
 *       re-reads the mailbox with {@link MailStore#changesSince}) or end the session.
 *       Subscribers consume on their own threads ({@link Subscription#poll} /
 *       {@link Subscription#drain}); the only subscriber code run inside the publisher is the
 *       optional {@link Subscription#onEvents wake-up}, which must only hand work to another
 *       thread (start or unpark one), never wait or do I/O.</li>
 *   <li>An idle subscription costs a few hundred octets: its queue grows with the events it
 *       holds (up to the capacity) instead of being allocated at full capacity, so ten thousand
 *       parked IMAP IDLE sessions do not hold ten thousand empty arrays of
 *       {@code store.event_queue} slots.</li>
 * </ul>
 */
public final class ChangeBus {
    private final int queueCapacity;
    private final Map<Long, List<Subscription>> byAccount = new ConcurrentHashMap<>();
    /** Subscribers to every account (the full-text indexer), keyed by {@link #EVERY_ACCOUNT}. */
    private final List<Subscription> everyAccount = new CopyOnWriteArrayList<>();

    /** The account id of a {@link #subscribeAll} subscription. */
    public static final long EVERY_ACCOUNT = -1;

    public ChangeBus(int queueCapacity) {
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity");
        this.queueCapacity = queueCapacity;
    }

    /** Subscribes to the changes of one account; close the subscription when done. */
    public Subscription subscribe(long accountId) {
        Subscription s = new Subscription(accountId);
        byAccount.computeIfAbsent(accountId, k -> new CopyOnWriteArrayList<>()).add(s);
        return s;
    }

    /**
     * Subscribes to the changes of every account, with a queue of {@code capacity} events (the
     * same overflow rule: a full queue drops the event and marks the subscription overflowed).
     * For background work over the whole store, such as the full-text index.
     */
    public Subscription subscribeAll(int capacity) {
        Subscription s = new Subscription(EVERY_ACCOUNT, capacity);
        everyAccount.add(s);
        return s;
    }

    /** Delivers the events of one committed transaction, in order, to every subscriber. */
    public void publish(List<? extends StoreEvent> events) {
        if (events.isEmpty()) return;
        long account = events.getFirst().accountId();
        for (Subscription s : everyAccount) {
            synchronized (s) {
                for (StoreEvent e : events) s.offer(e);
            }
        }
        List<Subscription> subs = byAccount.get(account);
        if (subs == null) return;
        synchronized (subs) {
            for (Subscription s : subs) {
                for (StoreEvent e : events) s.offer(e);
                s.wake();
            }
        }
    }

    public int subscriberCount(long accountId) {
        List<Subscription> subs = byAccount.get(accountId);
        return subs == null ? 0 : subs.size();
    }

    /**
     * One subscriber's bounded queue of events. The queue is allocated with its first event and
     * dropped when emptied (a session parked in IDLE holds no buffer); guarded by this object's
     * monitor, which the bus also holds while it queues a transaction's events.
     */
    public final class Subscription implements AutoCloseable {
        private final long accountId;
        private final int capacity;
        private ArrayDeque<StoreEvent> queue; // null while empty
        private volatile boolean overflowed;
        private volatile Runnable onEvents;

        private Subscription(long accountId) {
            this(accountId, queueCapacity);
        }

        private Subscription(long accountId, int capacity) {
            if (capacity < 1) throw new IllegalArgumentException("capacity");
            this.accountId = accountId;
            this.capacity = capacity;
        }

        private synchronized void offer(StoreEvent e) {
            if (queue == null) queue = new ArrayDeque<>(8);
            if (queue.size() >= capacity) {
                overflowed = true;
                return;
            }
            queue.add(e);
            notifyAll();
        }

        /**
         * Runs {@code wake} in the publisher after each committed transaction's events were
         * queued (or dropped on overflow); null removes it. It must return at once (start or
         * unpark a thread): it runs under the store's write lock.
         */
        public void onEvents(Runnable wake) {
            onEvents = wake;
        }

        private void wake() {
            Runnable r = onEvents;
            if (r != null) r.run();
        }

        /** Takes the next event, waiting up to {@code timeout}; null when none arrived. */
        public synchronized StoreEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (queue == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            StoreEvent e = queue.poll();
            if (queue.isEmpty()) queue = null;
            return e;
        }

        /** Takes every queued event without waiting. */
        public synchronized List<StoreEvent> drain() {
            ArrayList<StoreEvent> out = queue == null ? new ArrayList<>() : new ArrayList<>(queue);
            queue = null;
            return out;
        }

        /** True once an event was dropped because the queue was full; see the class javadoc. */
        public boolean overflowed() { return overflowed; }

        /** Clears the overflow flag after the subscriber resynchronised. */
        public void resetOverflow() { overflowed = false; }

        public long accountId() { return accountId; }

        @Override
        public void close() {
            if (accountId == EVERY_ACCOUNT) {
                everyAccount.remove(this);
                return;
            }
            List<Subscription> subs = byAccount.get(accountId);
            if (subs != null) subs.remove(this);
        }
    }
}
