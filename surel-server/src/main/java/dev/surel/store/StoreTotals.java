package dev.surel.store;

/**
 * The size of the whole store, from its counters (no message is read): what {@code surel status}
 * shows.
 *
 * @param accounts  accounts
 * @param messages  live messages of all accounts (a message in two mailboxes counts twice)
 * @param bytes     their sizes added up: what the accounts' quotas count
 * @param blobs     message files ({@code blobs/}): one per distinct content, kept while referenced
 *                  (or until the garbage collector's grace ends)
 * @param blobBytes their sizes added up: the bytes on disk, roughly
 */
public record StoreTotals(long accounts, long messages, long bytes, long blobs, long blobBytes) {
}
