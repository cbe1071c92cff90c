/**
 * SQL storage backends: the {@link dev.surel.store.sql.Database} (SQLite now, PostgreSQL later
 * behind the same contract), the {@link dev.surel.store.sql.Dialect} placeholders, the versioned
 * migrations under {@code src/main/resources/db/migration}, and the SQL mail store
 * ({@link dev.surel.store.sql.SqlMailStore}: mailboxes, messages, flags, garbage collector,
 * {@link dev.surel.store.sql.StoreChecker}), split into one small class per concern.
 */
package dev.surel.store.sql;
