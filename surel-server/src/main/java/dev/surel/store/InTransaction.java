package dev.surel.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work of another component (its own tables) run inside a store write transaction. */
@FunctionalInterface
public interface InTransaction {
    InTransaction NOTHING = c -> { };

    void run(Connection tx) throws SQLException;
}
