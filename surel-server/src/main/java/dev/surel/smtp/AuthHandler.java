package dev.surel.smtp;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.net.LineRead;
import dev.surel.protocol.sasl.SaslExchange;
import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.sasl.SaslStep;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
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
 * credentials 535 5.7.8; throttled or unavailable 454 4.7.0; malformed 501 5.5.2; an unknown
 * or not offered mechanism 504 5.5.4; AUTH twice or inside a transaction 503 5.5.1; on port 25
 * 502 5.5.1. Never logs a password.
 */
final class AuthHandler {
    private AuthHandler() {
    }

    /** The mechanisms this session may use now (empty on port 25). */
    static List<SaslMechanism> mechanisms(SmtpSession s) {
        if (!s.ctx.submission()) return List.of();
        InetAddress ip = s.conn.remoteAddress().getAddress();
        return s.ctx.services().loginGuard().mechanisms(ip, s.ctx.services().cleartext().allowsCleartext(s.conn));
    }

    static SmtpReply handle(SmtpSession s, SmtpCommand.Auth c) throws IOException {
        if (!s.ctx.submission()) return SmtpReply.of(502, "5.5.1", "AUTH not available on this port");
        if (s.helo == null || !s.esmtp) return SmtpReply.of(503, "5.5.1", "Send EHLO first");
        if (s.authenticated()) return SmtpReply.of(503, "5.5.1", "Already authenticated");
        if (s.tx != null) return SmtpReply.of(503, "5.5.1", "AUTH not allowed during a mail transaction");
        Optional<SaslMechanism> mech = mechanisms(s).stream().filter(m -> m.name().equals(c.mechanism())).findFirst();
        if (mech.isEmpty()) return SmtpReply.of(504, "5.5.4", "Mechanism not available");
        InetAddress ip = s.conn.remoteAddress().getAddress();
        boolean scram = !mech.get().revealsPassword();
        SaslExchange ex = mech.get().newExchange();
        byte[] initial = null;
        if (c.initialResponse().isPresent()) {
            String ir = c.initialResponse().get();
            initial = ir.equals("=") ? new byte[0] : decode(ir);
            if (initial == null) return SmtpReply.of(501, "5.5.2", "Initial response is not base64");
        }
        SaslStep step = ex.start(initial);
        while (true) {
            switch (step) {
                case SaslStep.Challenge ch -> {
                    s.send(SmtpReply.plain(334, Base64.getEncoder().encodeToString(ch.data())), true);
                    byte[] answer = readResponse(s);
                    if (answer == null) return SmtpReply.of(501, "5.0.0", "Authentication cancelled");
                    if (answer.length == 1 && answer[0] == (byte) 0xff) return SmtpReply.of(501, "5.5.2", "Response is not base64");
                    step = ex.respond(answer);
                }
                case SaslStep.Success ok -> {
                    if (scram) s.ctx.services().loginGuard().recordOutcome(ip, ok);
                    if (ok.serverFinal().isPresent()) {
                        s.send(SmtpReply.plain(334, Base64.getEncoder().encodeToString(ok.serverFinal().get())), true);
                        byte[] answer = readResponse(s);
                        if (answer == null || answer.length != 0) return SmtpReply.of(501, "5.0.0", "Authentication cancelled");
                    }
                    Optional<AuthenticatedUser> user = s.ctx.services().loginGuard().user(ok.authcid());
                    if (user.isEmpty()) return SmtpReply.of(454, "4.7.0", "Temporary authentication failure");
                    s.user = user.get();
                    return SmtpReply.of(235, "2.7.0", "Authentication successful");
                }
                case SaslStep.Failure f -> {
                    if (scram) s.ctx.services().loginGuard().recordOutcome(ip, f);
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
