package dev.surel.pop3;

import dev.surel.server.ServerContext;
import java.time.Clock;

/** What every POP3 session of a server shares: the server's services, the settings, the maildrop locks, policies and POP3 rows. */
record Pop3Context(ServerContext server, Pop3Settings settings, MaildropLocks locks, Pop3Policies policies, Pop3Rows rows,
                   LoginDelays loginDelays) {

    Clock clock() {
        return server.clock();
    }
}
