package dev.surel.pop3;

import dev.surel.auth.LoginGuard;
import dev.surel.auth.LoginPeer;
import dev.surel.auth.LoginResult;
import dev.surel.protocol.pop3.Pop3Command;
import dev.surel.protocol.pop3.Pop3Reply;
import dev.surel.protocol.pop3.ResponseCode;
import java.io.IOException;
import java.util.Arrays;

/**
 * RFC 1939 §7 USER and PASS, under the clear-text rule (RFC 2595 §2.2): refused with
 * {@code -ERR [AUTH] ... use STLS} where passwords may not travel in clear. Wrong credentials:
 * {@code -ERR [AUTH]}; throttled: {@code -ERR [SYS/TEMP]} (RFC 3206).
 */
final class UserPassCmd {
    private UserPassCmd() {
    }

    static void user(Pop3Session s, Pop3Command.User c) throws IOException {
        if (!s.cleartextAllowed()) {
            refuseCleartext(s);
            return;
        }
        s.pendingUser = c.name();
        s.reply(Pop3Reply.ok("send PASS"));
    }

    static void pass(Pop3Session s, Pop3Command.Pass c) throws IOException {
        LoginPeer peer = new LoginPeer("pop3", s.conn.remoteAddress().getAddress());
        if (!s.cleartextAllowed()) {
            s.ctx.logins().failed(peer, LoginGuard.POP3_USER_PASS, s.pendingUser, "TLS required for USER/PASS");
            refuseCleartext(s);
            return;
        }
        String name = s.pendingUser;
        s.pendingUser = null;
        if (name == null) {
            s.ctx.logins().failed(peer, LoginGuard.POP3_USER_PASS, null, "PASS without USER");
            s.reply(Pop3Reply.err("USER first"));
            return;
        }
        char[] pw = c.password().toCharArray();
        LoginResult r;
        try {
            r = s.ctx.logins().login(peer, LoginGuard.POP3_USER_PASS, name, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
        switch (r) {
            case LoginResult.Ok ok -> s.loggedIn(ok.user());
            case LoginResult.Rejected x -> s.reply(Pop3Reply.err(ResponseCode.AUTH, "invalid user name or password"));
            case LoginResult.Refused x -> s.reply(Pop3Reply.err(ResponseCode.SYS_TEMP, "too many failed logins, try again later"));
        }
    }

    static void refuseCleartext(Pop3Session s) throws IOException {
        s.reply(Pop3Reply.err(ResponseCode.AUTH, s.conn.canStartTls()
                ? "clear-text passwords are refused on this connection: use STLS first"
                : "clear-text passwords are refused on this connection: use STLS or POP3S"));
    }
}
