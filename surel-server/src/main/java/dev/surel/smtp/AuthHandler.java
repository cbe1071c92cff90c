package dev.surel.smtp;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.auth.LoginGuard;
import dev.surel.auth.LoginPeer;
import dev.surel.net.LineRead;
import dev.surel.protocol.sasl.SaslExchange;
import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.sasl.SaslStep;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * AUTH (RFC 4954) on submission only: PLAIN, LOGIN and SCRAM-SHA-256 through
 * {@link dev.surel.auth.LoginGuard} (throttled), the password-revealing ones only under the
 * clear-text rule ({@link dev.surel.net.CleartextPolicy}). Challenges are {@code 334} + base64
 * (RFC 4954 §4); a client line {@code *} cancels (501 5.0.0); SCRAM's server-final message goes
 * in a last 334 whose empty answer completes the exchange. Outcomes: 235 2.7.0; wrong
 * credentials 535 5.7.8; throttled or unavailable 454 4.7.0; malformed 501 5.5.2; PLAIN or
 * LOGIN where passwords may not travel in clear (no TLS, not a clear-text network) 538 5.7.11
 * (RFC 4954 §6, "Encryption required for requested authentication mechanism"); an unknown
 * mechanism 504 5.5.4; AUTH twice or inside a transaction 503 5.5.1; on port 25 502 5.5.1.
 * Every attempt is logged through the login guard; never a password.
 */
final class AuthHandler {
    private AuthHandler() {
    }

    /** The mechanisms this session may use now (empty on port 25). */
    static List<SaslMechanism> mechanisms(SmtpSession s) {
        if (!s.ctx.submission()) return List.of();
        return s.ctx.logins().mechanisms(peer(s), s.ctx.cleartext().allowsCleartext(s.conn));
    }

    static LoginPeer peer(SmtpSession s) {
        return new LoginPeer("smtp", s.conn.remoteAddress().getAddress());
    }

    static SmtpReply handle(SmtpSession s, SmtpCommand.Auth c) throws IOException {
        if (!s.ctx.submission()) return SmtpReply.of(502, "5.5.1", "AUTH not available on this port");
        if (s.helo == null || !s.esmtp) return SmtpReply.of(503, "5.5.1", "Send EHLO first");
        if (s.authenticated()) return SmtpReply.of(503, "5.5.1", "Already authenticated");
        if (s.tx != null) return SmtpReply.of(503, "5.5.1", "AUTH not allowed during a mail transaction");
        LoginGuard guard = s.ctx.logins();
        LoginPeer peer = peer(s);
        Optional<SaslMechanism> mech = mechanisms(s).stream().filter(m -> m.name().equals(c.mechanism())).findFirst();
        if (mech.isEmpty()) {
            boolean revealing = guard.mechanisms(peer, true).stream().anyMatch(m -> m.name().equals(c.mechanism()));
            if (revealing) { // RFC 4954 §6: 538 5.7.11 Encryption required for requested authentication mechanism
                guard.failed(peer, c.mechanism(), null, "TLS required for this mechanism");
                return SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
            }
            guard.failed(peer, "-", null, "unsupported mechanism " + c.mechanism());
            return SmtpReply.of(504, "5.5.4", "Mechanism not available");
        }
        SaslExchange ex = mech.get().newExchange();
        byte[] initial = null;
        if (c.initialResponse().isPresent()) {
            String ir = c.initialResponse().get();
            initial = ir.equals("=") ? new byte[0] : decode(ir);
            if (initial == null) {
                guard.failed(peer, mech.get().name(), null, "initial response is not base64");
                return SmtpReply.of(501, "5.5.2", "Initial response is not base64");
            }
        }
        SaslStep step = ex.start(initial);
        while (true) {
            switch (step) {
                case SaslStep.Challenge ch -> {
                    s.send(SmtpReply.plain(334, Base64.getEncoder().encodeToString(ch.data())), true);
                    byte[] answer = readResponse(s);
                    if (answer == null) {
                        guard.failed(peer, mech.get().name(), null, "cancelled by the client");
                        return SmtpReply.of(501, "5.0.0", "Authentication cancelled");
                    }
                    if (answer.length == 1 && answer[0] == (byte) 0xff) {
                        guard.failed(peer, mech.get().name(), null, "response is not base64");
                        return SmtpReply.of(501, "5.5.2", "Response is not base64");
                    }
                    step = ex.respond(answer);
                }
                case SaslStep.Success ok -> {
                    if (ok.serverFinal().isPresent()) {
                        s.send(SmtpReply.plain(334, Base64.getEncoder().encodeToString(ok.serverFinal().get())), true);
                        byte[] answer = readResponse(s);
                        if (answer == null || answer.length != 0) {
                            guard.failed(peer, mech.get().name(), ok.authcid(), "cancelled by the client after the server's proof");
                            return SmtpReply.of(501, "5.0.0", "Authentication cancelled");
                        }
                    }
                    Optional<AuthenticatedUser> user = guard.user(ok.authcid());
                    if (user.isEmpty()) {
                        guard.failed(peer, mech.get().name(), ok.authcid(), "account removed during the login");
                        return SmtpReply.of(454, "4.7.0", "Temporary authentication failure");
                    }
                    guard.finish(peer, mech.get(), ok);
                    s.user = user.get();
                    return SmtpReply.of(235, "2.7.0", "Authentication successful");
                }
                case SaslStep.Failure f -> {
                    guard.finish(peer, mech.get(), f);
                    return switch (f.reason()) {
                        case INVALID_CREDENTIALS, AUTHZID_NOT_PERMITTED -> SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
                        case TEMPORARY_FAILURE -> SmtpReply.of(454, "4.7.0", "Temporary authentication failure, try again later");
                        case MALFORMED, TOO_LONG, CHANNEL_BINDING_NOT_SUPPORTED, EXCHANGE_COMPLETE ->
                                SmtpReply.of(501, "5.5.2", "Malformed authentication exchange");
                    };
                }
            }
        }
    }

    /** One SASL response line: decoded octets, null for "*" (cancel), {0xff} as a marker for bad base64. */
    private static byte[] readResponse(SmtpSession s) throws IOException {
        LineRead r = s.conn.readLine(SmtpSettings.MAX_AUTH_LINE);
        return switch (r) {
            case LineRead.End e -> throw new EOFException("connection closed during AUTH");
            case LineRead.TooLong t -> new byte[] {(byte) 0xff};
            case LineRead.Line l -> {
                String text = new String(l.bytes(), StandardCharsets.US_ASCII).strip();
                if (text.equals("*")) yield null;
                byte[] d = decode(text);
                yield d == null ? new byte[] {(byte) 0xff} : d;
            }
        };
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
