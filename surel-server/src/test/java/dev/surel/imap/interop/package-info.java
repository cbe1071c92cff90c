/**
 * IMAP interoperability tests: real clients (Jakarta Mail / Angus, curl, mbsync, mutt) against a
 * started Surel server over real sockets, and the streaming test of a child JVM under -Xmx64m.
 * A missing client tool is a test failure that says which package to install.
 */
package dev.surel.imap.interop;
