/**
 * The store side of IMAP SEARCH: {@link dev.surel.imap.search.StoreSearchMessage} adapts a stored
 * message to the pure evaluator's {@link dev.surel.protocol.imap.search.SearchableMessage},
 * reading the structure and the body only when a key needs them; {@link
 * dev.surel.imap.search.SearchTextCache} keeps the decoded address and subject texts of the blobs
 * searched lately, shared by the server's sessions.
 */
package dev.surel.imap.search;
