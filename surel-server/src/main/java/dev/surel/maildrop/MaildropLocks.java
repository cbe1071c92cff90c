package dev.surel.maildrop;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One POP3 session per maildrop (RFC 1939 §4: the server acquires an exclusive-access lock;
 * RFC 2449 §8.1.1 {@code [IN-USE]} when it cannot). The lock lives in this server's memory,
 * owned by the session that took it, and is released when that session ends, which happens
 * when its socket closes, on QUIT, on an idle timeout or a dead peer (TCP keepalive): it never
 * survives a crash or restart. Locks are per server process (several nodes would need a
 * shared lock; not yet).
 */
public final class MaildropLocks {
    private final ConcurrentHashMap<Long, Object> owners = new ConcurrentHashMap<>();

    /** Takes the lock of an account for {@code owner}; false when another session holds it. */
    public boolean tryLock(long accountId, Object owner) {
        return owners.putIfAbsent(accountId, owner) == null;
    }

    /** Releases the lock if {@code owner} holds it. */
    public void release(long accountId, Object owner) {
        owners.remove(accountId, owner);
    }

    public boolean isLocked(long accountId) {
        return owners.containsKey(accountId);
    }
}
