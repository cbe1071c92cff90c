package dev.surel.store;

import java.time.Instant;

/** A pin on an account's recent tombstones, see {@link MailStore#openSession}. Close it when the session ends. */
public interface SessionLease extends AutoCloseable {
    long accountId();

    Instant openedAt();

    @Override
    void close();
}
