package dev.surel.accounts;

import dev.surel.store.StoreTransaction;
import java.sql.SQLException;

/**
 * Creates what a new account needs in the mail store (INBOX and the special-use mailboxes),
 * inside the same write transaction as the account row: either both exist or neither.
 */
@FunctionalInterface
public interface AccountInitializer {
    AccountInitializer NONE = (tx, accountId) -> { };

    /** Called inside {@link Directory#addUser}'s write transaction; throwing rolls it back. */
    void initialize(StoreTransaction tx, long accountId) throws SQLException;
}
