package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveResponse;
import dev.surel.protocol.sasl.SaslMechanism;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * RFC 5804 §2.4 CAPABILITY, also the greeting (§1.7) and what follows STARTTLS (§2.2):
 * IMPLEMENTATION, SASL (the mechanisms this peer may use now: PLAIN and LOGIN only where clear
 * text is allowed), SIEVE (the checker's extensions), STARTTLS (while it can be done),
 * MAXREDIRECTS (when the checker has a limit), OWNER (once authenticated), VERSION "1.0" and
 * UNAUTHENTICATE (RFC 5804 §2.14). No NOTIFY and no LANGUAGE: neither is supported.
 */
final class CapabilityCmd {
    private CapabilityCmd() {
    }

    /** The capability lines, then OK with {@code okText} (null: none). */
    static void send(ManageSieveSession s, String okText) throws IOException {
        s.reply(ManageSieveResponse.capability("IMPLEMENTATION", "Surel"));
        String mechs = AuthenticateCmd.mechanisms(s).stream().map(SaslMechanism::name).collect(Collectors.joining(" "));
        s.reply(ManageSieveResponse.capability("SASL", mechs));
        s.reply(ManageSieveResponse.capability("SIEVE", String.join(" ", s.ctx.checker().extensions())));
        if (s.conn.canStartTls() && s.user == null) s.reply(ManageSieveResponse.capability("STARTTLS", null));
        int redirects = s.ctx.checker().maxRedirects();
        if (redirects > 0) s.reply(ManageSieveResponse.capability("MAXREDIRECTS", Integer.toString(redirects)));
        if (s.user != null) s.reply(ManageSieveResponse.capability("OWNER", s.user.address()));
        s.reply(ManageSieveResponse.capability("UNAUTHENTICATE", null));
        s.reply(ManageSieveResponse.capability("VERSION", "1.0"));
        s.reply(ManageSieveResponse.ok(okText));
    }
}
