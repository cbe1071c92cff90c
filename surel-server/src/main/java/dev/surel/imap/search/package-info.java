/**
 * The store side of IMAP SEARCH: {@link dev.surel.imap.search.StoreSearchMessage} adapts a stored
 * message to the pure evaluator's {@link dev.surel.protocol.imap.search.SearchableMessage},
 * reading the structure and the body only when a key needs them.
 */
package dev.surel.imap.search;
