package dev.surel.accounts;

import dev.surel.store.StoreTransaction;
import java.sql.SQLException;

/**
 * Removes an account's mail (messages, mailboxes, subscriptions: every row referencing
 * {@code accounts(id)}) inside the transaction that then deletes the account row. Blob files
 * are left to the store's garbage collector.
 */
@FunctionalInterface
public interface AccountRemover {
    AccountRemover NONE = (tx, accountId) -> { };

    /** Called inside {@link Directory#removeUser}'s write transaction, before the row is deleted. */
    void remove(StoreTransaction tx, long accountId) throws SQLException;
}
