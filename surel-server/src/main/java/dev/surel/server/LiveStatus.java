package dev.surel.server;

import dev.surel.admin.ServerControl;
import dev.surel.admin.ServerStatus;
import dev.surel.net.Endpoint;
import dev.surel.net.HostPort;
import dev.surel.net.Listener;
import dev.surel.queue.SqlMailQueue;
import dev.surel.store.MailStore;
import dev.surel.store.StoreTotals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link ServerControl} of a running {@link SurelServer}: its state read live (listeners'
 * connection counts, the queue's and store's counters, the disk) and a stop that closes it on a
 * thread of its own, so the admin request that asked for it can still answer.
 */
final class LiveStatus implements ServerControl {

    private final Instant startedAt;
    private final Clock clock;
    private final Path dataDir;
    private final Map<Endpoint, Listener> listeners;
    private final int maxConnections;
    private final MailStore store;
    private final SqlMailQueue queue;
    private final Runnable close;
    private final AtomicBoolean stopping = new AtomicBoolean();

    LiveStatus(Instant startedAt, Clock clock, Path dataDir, Map<Endpoint, Listener> listeners, int maxConnections,
               MailStore store, SqlMailQueue queue, Runnable close) {
        this.startedAt = startedAt;
        this.clock = clock;
        this.dataDir = dataDir;
        this.listeners = Map.copyOf(listeners);
        this.maxConnections = maxConnections;
        this.store = store;
        this.queue = queue;
        this.close = close;
    }

    @Override
    public ServerStatus status() {
        List<ServerStatus.Listening> ls = new ArrayList<>();
        for (Endpoint ep : Endpoint.values()) { // in the order of the ports file
            Listener l = listeners.get(ep);
            if (l == null) continue;
            ls.add(new ServerStatus.Listening(ep.key(), ep.protocol().name().toLowerCase(java.util.Locale.ROOT),
                    HostPort.of(l.boundAddress()).toString(), l.activeConnections()));
        }
        SqlMailQueue.Size q = queue.size();
        StoreTotals t = store.totals();
        return new ServerStatus(ProcessHandle.current().pid(), System.getProperty("user.name"), startedAt, clock.instant(),
                dataDir, diskFree(), ls, maxConnections,
                new ServerStatus.QueueSize(q.messages(), q.queuedRecipients(), q.deferredRecipients()),
                new ServerStatus.StoreSize(t.accounts(), t.messages(), t.bytes(), t.blobs(), t.blobBytes()));
    }

    private long diskFree() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void stop() {
        if (stopping.compareAndSet(false, true)) {
            Thread.ofPlatform().name("admin-stop").start(close);
        }
    }
}
