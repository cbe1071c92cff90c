/**
 * End-to-end tests: the real CLI and server started as child JVMs (the same main class the
 * launcher runs) on a temporary data directory and free ports, driven over real sockets.
 */
package dev.surel.e2e;
