/**
 * SQL storage backends: the {@link dev.surel.store.sql.Database} (SQLite now, PostgreSQL later
 * behind the same contract), the {@link dev.surel.store.sql.Dialect} placeholders and the
 * versioned migrations under {@code src/main/resources/db/migration}.
 */
package dev.surel.store.sql;
