package dev.surel.imap;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the changes other sessions commit to a session in IDLE (RFC 2177, RFC 9051 §6.3.13)
 * without a thread of its own while nothing happens: the change bus {@link #signal signals} it
 * after each commit, and only then a short-lived virtual thread writes the untagged responses
 * (through the {@link Responder}'s lock) and ends.
 *
 * <p>Invariants: at most one push runs at a time; a signal during a push makes it look once
 * more, so no commit is left unannounced. {@link #signal} never waits (it runs in the store's
 * publisher). After {@link #stop()} returns no push is running and none will start, so the
 * session thread owns the session again.
 */
final class IdlePusher {
    private static final Logger log = LoggerFactory.getLogger(IdlePusher.class);

    private final ImapSession s;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean stopped;
    private boolean again;
    private Thread running;

    IdlePusher(ImapSession s) {
        this.s = s;
    }

    /** Something was committed (or dropped on overflow): push it, now or after the push running. */
    void signal() {
        lock.lock();
        try {
            if (stopped) return;
            if (running != null) {
                again = true;
                return;
            }
            again = false;
            running = Thread.ofVirtual().name(s.connection().id() + "-idle").unstarted(this::push);
            running.start();
        } finally {
            lock.unlock();
        }
    }

    /** No push starts from now on; waits for the one running, if any. */
    void stop() {
        Thread t;
        lock.lock();
        try {
            stopped = true;
            t = running;
        } finally {
            lock.unlock();
        }
        if (t == null) return;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void push() {
        try {
            do {
                s.writeUpdates(true);
                s.out().flush();
                if (s.state() == ImapSession.State.LOGOUT) { // the selected mailbox was deleted: BYE written
                    s.connection().close();
                    return;
                }
            } while (more());
        } catch (IOException | RuntimeException e) {
            log.debug("{}: IDLE push stopped: {}", s.connection().id(), e.toString());
        } finally {
            lock.lock();
            try {
                if (running == Thread.currentThread()) running = null;
            } finally {
                lock.unlock();
            }
        }
    }

    /** True (and the flag cleared) when a signal came during the push just made. */
    private boolean more() {
        lock.lock();
        try {
            if (stopped || !again) return false;
            again = false;
            return true;
        } finally {
            lock.unlock();
        }
    }
}
