package dev.surel.imap;

import dev.surel.auth.LoginGuard;
import dev.surel.auth.LoginPeer;
import dev.surel.auth.LoginResult;
import dev.surel.protocol.imap.ImapCommand;
import java.io.IOException;
import java.util.Arrays;

/**
 * LOGIN (RFC 9051 §6.2.3) through the login guard (throttled). Refused without TLS outside the
 * clear-text networks (LOGINDISABLED is advertised, NO [PRIVACYREQUIRED]); a wrong password is
 * NO [AUTHENTICATIONFAILED]; a throttled peer NO [UNAVAILABLE] (RFC 5530).
 */
final class LoginCmd {
    private LoginCmd() { }

    // RFC 9051 §6.2.3
    static void run(ImapSession s, String tag, ImapCommand.Login c) throws IOException {
        LoginPeer peer = new LoginPeer("imap", s.ip());
        if (!s.cleartextAllowed()) {
            s.context().logins().failed(peer, LoginGuard.IMAP_LOGIN, c.user(), "TLS required for LOGIN");
            s.out().no(tag, "PRIVACYREQUIRED", "LOGIN is disabled without TLS");
            return;
        }
        char[] password = c.password().toCharArray();
        LoginResult r;
        try {
            r = s.context().logins().login(peer, LoginGuard.IMAP_LOGIN, c.user(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        switch (r) {
            case LoginResult.Ok ok -> {
                s.loggedIn(ok.user());
                s.out().status(tag, "OK", "CAPABILITY " + s.capabilities(), "Logged in");
            }
            case LoginResult.Rejected x -> s.loginFailed(tag);
            case LoginResult.Refused x -> s.out().no(tag, "UNAVAILABLE", "Too many failed logins, try again later");
        }
    }
}
