package dev.surel.store;

/**
 * Work of another component (its own tables) run inside a store write transaction: it commits
 * with the store's changes or, when it throws, rolls them back with it.
 */
@FunctionalInterface
public interface InTransaction {
    InTransaction NOTHING = tx -> { };

    void run(StoreTransaction tx) throws Exception;
}
