package dev.surel.store;

/**
 * The store's open write transaction, as other components see it: work they must commit or
 * fail together with the store's own changes (a queue record marked delivered with the local
 * copy it made, the POP3 state with a QUIT's expunges, an account row with its mailboxes) runs
 * in it. The handle is opaque here; the store's backend says how to run statements in it (the
 * SQL backend: {@code dev.surel.store.sql.SqlTransaction}). Valid only while the callback it
 * was given to runs.
 */
public interface StoreTransaction {
}
