package dev.surel.store.sql;

import dev.surel.store.StoreTransaction;
import java.sql.Connection;

/**
 * A {@link StoreTransaction} of the SQL store: the write connection of its {@link Database},
 * inside {@link Database#write}. Components with their own tables in the same database (the
 * queue, the directory, the POP3 state) run their statements on {@link #connection(StoreTransaction)}.
 */
public record SqlTransaction(Connection connection) implements StoreTransaction {

    /** The connection of a transaction this backend opened. */
    public static Connection connection(StoreTransaction tx) {
        if (tx instanceof SqlTransaction t) return t.connection();
        throw new IllegalArgumentException("not a transaction of the SQL store: " + tx);
    }
}
