package dev.surel.filter;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * Closes a scanner connection when its time is up, so that a blocked connect, write or read
 * ends (with an exception) instead of hanging: blocking socket channels, which unix sockets
 * need, have no timeouts of their own. One virtual thread per scan, ended by {@link #close}.
 */
final class Deadline implements AutoCloseable {
    private final Thread watchdog;
    private volatile boolean expired;

    Deadline(Closeable target, Duration after) {
        watchdog = Thread.ofVirtual().name("scan-deadline").start(() -> {
            try {
                Thread.sleep(after);
            } catch (InterruptedException e) {
                return; // the scan ended in time
            }
            expired = true;
            try {
                target.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        });
    }

    /** Whether the time ran out (and the connection was closed). */
    boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        watchdog.interrupt();
    }
}
