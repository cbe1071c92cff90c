/**
 * Wiring: {@link dev.surel.server.Services} opens the data directory's services (database, mail
 * store, accounts, auth) with plain constructors in one place; {@link dev.surel.server.SurelServer}
 * adds the listeners, TLS, the admin channel and maintenance timers around them.
 */
package dev.surel.server;
