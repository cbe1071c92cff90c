/**
 * POP3 (RFC 1939, 2449, 2595, 5034, 3206, 6856), the protocol only: {@link dev.surel.pop3.Pop3Module}
 * serves {@code listen.pop3}/{@code listen.pop3s} with one {@link dev.surel.pop3.Pop3Session} per
 * connection (one small handler class per command: {@code RetrCmd}, {@code DeleCmd}, ...) over
 * a {@link dev.surel.maildrop.Maildrop} snapshot of the user's INBOX; the UPDATE state commits
 * through {@code MailStore.markSeenAndExpunge}. The maildrop domain (leave-on-server policies,
 * the POP3 rows, keep:N expiry) is in {@code dev.surel.maildrop}. See docs/pop3.md.
 */
package dev.surel.pop3;
