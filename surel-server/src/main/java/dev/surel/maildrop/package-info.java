/**
 * The POP3 maildrop domain: a {@link dev.surel.maildrop.Maildrop} snapshot of a user's INBOX for
 * one POP3 session, {@link dev.surel.maildrop.MaildropLocks} (one session per maildrop, RFC 1939
 * §8), leave-on-server policies ({@link dev.surel.maildrop.LeavePolicy} per domain and account,
 * {@link dev.surel.maildrop.Pop3Policies}), what was downloaded when and what a user hid
 * ({@link dev.surel.maildrop.Pop3Rows}, table {@code pop3_messages} in {@code V3__pop3.sql}) and
 * the keep:N {@link dev.surel.maildrop.Pop3Expiry}. Its SQL runs in the store's database, in the
 * store's own transaction where it must commit with the store's changes
 * ({@link dev.surel.store.StoreTransaction}). docs/adr/0010-layers-and-module-wiring.md.
 */
package dev.surel.maildrop;
