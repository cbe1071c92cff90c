/**
 * IMAP4rev1 / IMAP4rev2 (RFC 3501, RFC 9051) and the extensions of issue 5: one
 * {@link dev.surel.imap.ImapSession} per connection, a {@link dev.surel.imap.CommandTable} with
 * the allowed states and sequence-number sensitivity of every command, one small handler class
 * per command ({@code *Cmd}), the session's view of its selected mailbox
 * ({@link dev.surel.imap.SelectedMailbox}) kept in step with the store's change bus, and the one
 * mapping of store errors to response codes ({@link dev.surel.imap.StoreErrors}). Parsing and
 * response octets are in {@code dev.surel.protocol.imap}.
 */
package dev.surel.imap;
