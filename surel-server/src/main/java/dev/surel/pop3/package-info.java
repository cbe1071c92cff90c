/**
 * POP3 (RFC 1939, 2449, 2595, 5034, 3206, 6856): {@link dev.surel.pop3.Pop3Module} serves
 * {@code listen.pop3}/{@code listen.pop3s} with one {@link dev.surel.pop3.Pop3Session} per
 * connection (one small handler class per command: {@code RetrCmd}, {@code DeleCmd}, ...) over
 * a {@link dev.surel.maildrop.Maildrop} snapshot of the user's INBOX; the UPDATE state commits
 * through {@code MailStore.markSeenAndExpunge}. Leave-on-server policies
 * ({@link dev.surel.maildrop.LeavePolicy}, {@link dev.surel.maildrop.Pop3Policies}) and the keep:N
 * {@link dev.surel.maildrop.Pop3Expiry} keep their rows in {@code V3__pop3.sql}. See docs/pop3.md.
 */
package dev.surel.pop3;

import dev.surel.maildrop.LeavePolicy;
import dev.surel.maildrop.Maildrop;
import dev.surel.maildrop.Pop3Expiry;
import dev.surel.maildrop.Pop3Policies;
