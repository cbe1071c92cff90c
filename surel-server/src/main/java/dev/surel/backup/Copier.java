package dev.surel.backup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs file copies on a few threads, so their fsyncs overlap (the file system's journal commits
 * them together) instead of queueing one after the other. The queue is small and a full queue
 * makes the submitter copy by itself: memory stays bounded however many files there are. The
 * first failure stops the rest and is thrown from {@link #submit} or {@link #finish}.
 */
final class Copier implements AutoCloseable {

    /** Copies in flight at once. */
    static final int THREADS = 4;

    /** One copy, which may fail with any exception. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final ThreadPoolExecutor pool;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    Copier(String name) {
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(4 * THREADS),
                Thread.ofPlatform().daemon().name(name + "-", 0).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    void submit(Task task) throws Exception {
        rethrow();
        pool.execute(() -> {
            if (failure.get() != null) return;
            try {
                task.run();
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Waits for every copy and throws the first failure. */
    void finish() throws Exception {
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            // copying large files
        }
        rethrow();
    }

    private void rethrow() throws Exception {
        Exception e = failure.get();
        if (e != null) throw e;
    }

    /** Stops what is left (after a failure) and waits a little for copies in flight, so the caller can clean up after them. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
