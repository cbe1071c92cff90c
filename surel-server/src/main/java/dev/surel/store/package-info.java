/**
 * The mail store API: accounts' mailboxes (with a "/" hierarchy), subscriptions, messages with
 * UIDs, flags, keywords and MODSEQs, tombstones of expunged messages, quotas and the per-account
 * {@link dev.surel.store.ChangeBus}. Protocol sessions (IMAP, POP3, local delivery) talk only to
 * {@link dev.surel.store.MailStore}; it never knows a protocol. Errors are the sealed
 * {@link dev.surel.store.StoreException} family, which each protocol maps to its own codes in one
 * place. Backends live in {@code dev.surel.store.sql}; message bytes in
 * {@code dev.surel.store.blob}.
 */
package dev.surel.store;
