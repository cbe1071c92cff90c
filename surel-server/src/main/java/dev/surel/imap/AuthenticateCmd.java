package dev.surel.imap;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.auth.LoginPeer;
import dev.surel.net.LineRead;
import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.sasl.SaslExchange;
import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.sasl.SaslStep;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * AUTHENTICATE (RFC 9051 §6.2.2) with the RFC 4959 SASL-IR initial response. Mechanisms come
 * from the login guard: SCRAM-SHA-256 always, PLAIN and LOGIN only where clear text is allowed
 * (else NO [PRIVACYREQUIRED]). Challenges are {@code + base64}; {@code *} cancels (BAD).
 * SCRAM's server-final message goes out as a last challenge whose empty answer completes the
 * exchange (IMAP has no success data, RFC 9051 §6.2.2).
 */
final class AuthenticateCmd {
    private AuthenticateCmd() { }

    // RFC 9051 §6.2.2, RFC 4959 §3
    static void run(ImapSession s, String tag, ImapCommand.Authenticate c) throws IOException {
        var guard = s.context().logins();
        LoginPeer peer = new LoginPeer("imap", s.ip());
        List<SaslMechanism> all = guard.mechanisms(peer, true);
        Optional<SaslMechanism> mech = all.stream().filter(m -> m.name().equals(c.mechanism())).findFirst();
        if (mech.isEmpty()) {
            guard.failed(peer, "-", null, "unsupported mechanism " + c.mechanism());
            s.out().no(tag, "CANNOT", "Unsupported authentication mechanism");
            return;
        }
        if (mech.get().revealsPassword() && !s.cleartextAllowed()) {
            guard.failed(peer, mech.get().name(), null, "TLS required for this mechanism");
            s.out().no(tag, "PRIVACYREQUIRED", "Mechanism not allowed without TLS");
            return;
        }
        SaslExchange ex = mech.get().newExchange();
        byte[] initial = null;
        if (c.initialResponse() != null) {
            initial = c.initialResponse().equals("=") ? new byte[0] : decode(c.initialResponse());
            if (initial == null) {
                guard.failed(peer, mech.get().name(), null, "initial response is not base64");
                s.out().bad(tag, "Invalid base64 in initial response");
                return;
            }
        }
        SaslStep step = ex.start(initial);
        while (step instanceof SaslStep.Challenge ch) {
            byte[] resp = challenge(s, ch.data());
            if (resp == null) {
                guard.failed(peer, mech.get().name(), null, "cancelled by the client");
                s.out().bad(tag, "Authentication cancelled");
                return;
            }
            step = ex.respond(resp);
        }
        switch (step) {
            case SaslStep.Success ok -> {
                if (ok.serverFinal().isPresent()) {
                    byte[] last = challenge(s, ok.serverFinal().get());
                    if (last == null || last.length != 0) {
                        guard.failed(peer, mech.get().name(), ok.authcid(), "cancelled by the client after the server's proof");
                        s.out().bad(tag, "Authentication cancelled");
                        return;
                    }
                }
                Optional<AuthenticatedUser> u = guard.user(ok.authcid());
                if (u.isEmpty()) {
                    guard.failed(peer, mech.get().name(), ok.authcid(), "account removed during the login");
                    s.loginFailed(tag);
                    return;
                }
                guard.finish(peer, mech.get(), ok);
                s.loggedIn(u.get());
                s.out().status(tag, "OK", "CAPABILITY " + s.capabilities(), "Authenticated");
            }
            case SaslStep.Failure f -> {
                guard.finish(peer, mech.get(), f);
                switch (f.reason()) {
                    case TEMPORARY_FAILURE -> s.out().no(tag, "UNAVAILABLE", "Authentication temporarily unavailable");
                    case MALFORMED, TOO_LONG, EXCHANGE_COMPLETE -> s.out().bad(tag, "Malformed authentication exchange");
                    case INVALID_CREDENTIALS, AUTHZID_NOT_PERMITTED, CHANNEL_BINDING_NOT_SUPPORTED -> s.loginFailed(tag);
                }
            }
            case SaslStep.Challenge ch -> throw new IllegalStateException("unreachable");
        }
    }

    /** Sends {@code + base64} and reads the answer; null when the client cancelled or sent bad base64. */
    private static byte[] challenge(ImapSession s, byte[] data) throws IOException {
        s.out().line("+ " + Base64.getEncoder().encodeToString(data));
        s.out().flush();
        LineRead r = s.connection().readLine(s.settings().maxLineLength());
        if (!(r instanceof LineRead.Line line)) {
            if (r instanceof LineRead.End) throw new java.io.EOFException("client left during AUTHENTICATE");
            return null;
        }
        String text = line.ascii().trim();
        if (text.equals("*")) return null;
        return decode(text);
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
