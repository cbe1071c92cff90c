/**
 * The top layer below the command line, and the only place modules are wired
 * (docs/adr/0010-layers-and-module-wiring.md): {@link dev.surel.server.Services} opens the data
 * directory's services (database, mail store, accounts, auth, queue records) with plain
 * constructors in one place; {@link dev.surel.server.ModuleWiring} gives each module exactly the
 * settings and services it uses; {@link dev.surel.server.SurelServer} adds the listeners, TLS, the
 * admin channel and maintenance timers around them.
 */
package dev.surel.server;
