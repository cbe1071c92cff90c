package dev.surel.pop3;

import dev.surel.auth.LoginPeer;
import dev.surel.protocol.pop3.Pop3Reply;
import dev.surel.protocol.sasl.SaslMechanism;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * RFC 2449 §5 CAPA, in any state. Before login: USER only where clear text is allowed, SASL
 * with the mechanisms this connection may use (RFC 5034 §3), STLS only before TLS (RFC 2595
 * §4), EXPIRE with the default policy's value tagged USER (it varies per user, RFC 2449 §6.7).
 * After login: the user's own EXPIRE value.
 */
final class CapaCmd {
    private CapaCmd() {
    }

    static void run(Pop3Session s) throws IOException {
        boolean auth = s.state == Pop3Session.State.AUTHORIZATION;
        s.reply(Pop3Reply.ok("Capability list follows"));
        s.reply("TOP");
        s.reply("UIDL");
        if (auth) {
            boolean clear = s.cleartextAllowed();
            if (clear) s.reply("USER");
            String mechs = s.ctx.logins().mechanisms(new LoginPeer("pop3", s.conn.remoteAddress().getAddress()), clear)
                    .stream().map(SaslMechanism::name).collect(Collectors.joining(" "));
            s.reply("SASL " + mechs);
        }
        s.reply("RESP-CODES");
        s.reply("AUTH-RESP-CODE");
        s.reply("PIPELINING");
        s.reply(auth ? "EXPIRE " + s.ctx.policies().fallback().expire() + " USER" : "EXPIRE " + s.policy.expire());
        if (s.ctx.loginDelays().enabled()) s.reply("LOGIN-DELAY " + Math.max(1, s.ctx.loginDelays().delay().toSeconds()));
        if (auth) s.reply("UTF8 USER");
        s.reply("IMPLEMENTATION Surel");
        if (auth && s.conn.canStartTls()) s.reply("STLS");
        s.reply(Pop3Reply.TERMINATOR);
    }
}
