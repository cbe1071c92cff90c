package dev.surel.managesieve;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.auth.LoginGuard;
import dev.surel.auth.LoginPeer;
import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveParser;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import dev.surel.protocol.managesieve.ResponseCode;
import dev.surel.protocol.sasl.SaslExchange;
import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.sasl.SaslStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5804 §2.1 AUTHENTICATE with the server's SASL: SCRAM-SHA-256 always, PLAIN and LOGIN where
 * clear text is allowed (TLS or {@code auth.cleartext_networks}; elsewhere NO (ENCRYPT-NEEDED)).
 * Challenges are base64 strings on their own line; each response is one string ({@code "*"}
 * cancels); an empty initial response is an empty string. SCRAM's server-final message comes
 * back in {@code OK (SASL "...")}. Throttling and the login log are {@link LoginGuard}'s; after
 * {@code managesieve.max_failed_logins} failures the session ends with BYE.
 */
final class AuthenticateCmd {
    private static final Logger log = LoggerFactory.getLogger(AuthenticateCmd.class);

    private AuthenticateCmd() {
    }

    static List<SaslMechanism> mechanisms(ManageSieveSession s) {
        return s.ctx.logins().mechanisms(peer(s), s.cleartextAllowed());
    }

    private static LoginPeer peer(ManageSieveSession s) {
        return new LoginPeer("managesieve", s.conn.remoteAddress().getAddress());
    }

    static void run(ManageSieveSession s, ManageSieveCommand.Authenticate c) throws IOException {
        LoginPeer peer = peer(s);
        LoginGuard guard = s.ctx.logins();
        Optional<SaslMechanism> mech = mechanisms(s).stream().filter(m -> m.name().equals(c.mechanism())).findFirst();
        if (mech.isEmpty()) {
            boolean revealing = guard.mechanisms(peer, true).stream().anyMatch(m -> m.name().equals(c.mechanism()));
            if (revealing) {
                guard.failed(peer, c.mechanism(), null, "TLS required for this mechanism");
                s.reply(ManageSieveResponse.no(ResponseCode.ENCRYPT_NEEDED, "use STARTTLS first: this mechanism reveals the password"));
            } else {
                guard.failed(peer, "-", null, "unsupported mechanism");
                s.reply(ManageSieveResponse.no("unsupported authentication mechanism"));
            }
            return;
        }
        byte[] initial = null;
        if (c.initialResponse().isPresent()) {
            initial = decode(c.initialResponse().get());
            if (initial == null) {
                failed(s, guard, peer, mech.get().name(), "initial response is not base64", "invalid base64");
                return;
            }
        }
        SaslExchange ex = mech.get().newExchange();
        SaslStep step = ex.start(initial);
        while (true) {
            switch (step) {
                case SaslStep.Challenge ch -> {
                    byte[] response = challenge(s, ch.data());
                    if (response == null) {
                        failed(s, guard, peer, mech.get().name(), "cancelled or malformed response", "authentication cancelled");
                        return;
                    }
                    step = ex.respond(response);
                }
                case SaslStep.Success ok -> {
                    Optional<AuthenticatedUser> u = guard.user(ok.authcid());
                    if (u.isEmpty()) {
                        failed(s, guard, peer, mech.get().name(), "account removed during the login", "authentication failed");
                        return;
                    }
                    guard.finish(peer, mech.get(), ok);
                    s.user = u.get();
                    s.conn.idleTimeout(s.ctx.settings().idleTimeout());
                    log.info("{}: ManageSieve login {}", s.conn.id(), s.user.address());
                    s.reply(ok.serverFinal().isPresent()
                            ? ManageSieveResponse.ok(ResponseCode.sasl(Base64.getEncoder().encodeToString(ok.serverFinal().get())), "Logged in")
                            : ManageSieveResponse.ok("Logged in"));
                    return;
                }
                case SaslStep.Failure f -> {
                    guard.finish(peer, mech.get(), f);
                    if (f.reason() == SaslStep.Reason.TEMPORARY_FAILURE) {
                        s.reply(ManageSieveResponse.no(ResponseCode.TRYLATER, "authentication temporarily unavailable, try again later"));
                        return;
                    }
                    refused(s, "authentication failed");
                    return;
                }
            }
        }
    }

    private static void failed(ManageSieveSession s, LoginGuard guard, LoginPeer peer, String mech, String logReason, String text)
            throws IOException {
        guard.failed(peer, mech, null, logReason);
        refused(s, text);
    }

    /** NO, or BYE once the connection has failed {@code managesieve.max_failed_logins} times. */
    private static void refused(ManageSieveSession s, String text) throws IOException {
        if (++s.failedLogins >= s.ctx.settings().maxFailedLogins()) {
            s.bye(null, text + ": too many failed logins");
        } else {
            s.reply(ManageSieveResponse.no(text));
        }
    }

    /** Sends a challenge and reads the response; null when cancelled ("*") or not one base64 string. */
    private static byte[] challenge(ManageSieveSession s, byte[] data) throws IOException {
        s.reply(ManageSieveResponse.stringLine(Base64.getEncoder().encodeToString(data).getBytes(StandardCharsets.US_ASCII)));
        s.conn.flush();
        switch (s.readCommand(ManageSieveSession.MAX_SASL_LITERAL)) {
            case CommandRead.End e -> throw new java.io.EOFException("client left during AUTHENTICATE");
            case CommandRead.TooLarge t -> {
                return null;
            }
            case CommandRead.Command cmd -> {
                Optional<String> text = ManageSieveParser.saslResponse(cmd.text());
                if (text.isEmpty() || text.get().equals("*")) return null;
                return decode(text.get());
            }
        }
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
