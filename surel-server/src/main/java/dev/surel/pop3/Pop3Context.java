package dev.surel.pop3;

import dev.surel.auth.LoginGuard;
import dev.surel.maildrop.MaildropLocks;
import dev.surel.maildrop.Pop3Policies;
import dev.surel.maildrop.Pop3Rows;
import dev.surel.net.CleartextPolicy;
import dev.surel.store.MailStore;
import java.time.Clock;

/**
 * What every POP3 session of a server shares: the settings, exactly the services a session uses
 * (the mail store, logins, the clear-text rule), the host name and clock, and the POP3 state of
 * the module: maildrop locks, leave-on-server policies, POP3 rows and login delays.
 */
record Pop3Context(Pop3Settings settings, MailStore store, LoginGuard logins, CleartextPolicy cleartext, String hostname,
                   Clock clock, MaildropLocks locks, Pop3Policies policies, Pop3Rows rows, LoginDelays loginDelays) {
}
