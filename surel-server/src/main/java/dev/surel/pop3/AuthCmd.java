package dev.surel.pop3;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.auth.LoginGuard;
import dev.surel.auth.LoginPeer;
import dev.surel.net.LineRead;
import dev.surel.protocol.pop3.Pop3Command;
import dev.surel.protocol.pop3.Pop3Reply;
import dev.surel.protocol.pop3.ResponseCode;
import dev.surel.protocol.sasl.SaslExchange;
import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.sasl.SaslStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * RFC 5034 AUTH: SCRAM-SHA-256 always, PLAIN and LOGIN where clear text is allowed (the
 * mechanisms {@link LoginGuard#mechanisms} gives for this peer). Challenges are
 * {@code "+ " base64}; {@code "*"} cancels (§4); an initial response {@code "="} is an empty
 * one. Data a mechanism has on success (SCRAM's server-final) is sent as a last challenge
 * whose empty response is awaited (§4: no additional data with success). A bare {@code AUTH}
 * lists the mechanisms (a common extension). Failures: {@code -ERR [AUTH]}; temporary
 * (throttled): {@code -ERR [SYS/TEMP]}.
 */
final class AuthCmd {
    private AuthCmd() {
    }

    static void run(Pop3Session s, Pop3Command.Auth c) throws IOException {
        LoginPeer peer = new LoginPeer("pop3", s.conn.remoteAddress().getAddress());
        LoginGuard guard = s.ctx.logins();
        boolean clear = s.cleartextAllowed();
        List<SaslMechanism> mechs = guard.mechanisms(peer, clear);
        if (c.mechanism().isEmpty()) {
            s.reply(Pop3Reply.ok("SASL mechanisms follow"));
            for (SaslMechanism m : mechs) s.reply(m.name());
            s.reply(Pop3Reply.TERMINATOR);
            return;
        }
        Optional<SaslMechanism> mech = mechs.stream().filter(m -> m.name().equals(c.mechanism())).findFirst();
        if (mech.isEmpty()) {
            boolean revealing = guard.mechanisms(peer, true).stream().anyMatch(m -> m.name().equals(c.mechanism()));
            if (revealing) {
                guard.failed(peer, c.mechanism(), null, "TLS required for this mechanism");
                UserPassCmd.refuseCleartext(s);
            } else {
                guard.failed(peer, "-", null, "unsupported mechanism " + c.mechanism());
                s.reply(Pop3Reply.err("unsupported authentication mechanism"));
            }
            return;
        }
        byte[] initial = null;
        if (c.initialResponse().isPresent()) {
            initial = decode(c.initialResponse().get());
            if (initial == null) {
                guard.failed(peer, mech.get().name(), null, "initial response is not base64");
                s.reply(Pop3Reply.err(ResponseCode.AUTH, "invalid base64"));
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
                        guard.failed(peer, mech.get().name(), null, "cancelled or malformed response");
                        return;
                    }
                    step = ex.respond(response);
                }
                case SaslStep.Success ok -> {
                    if (ok.serverFinal().isPresent() && challenge(s, ok.serverFinal().get()) == null) {
                        guard.failed(peer, mech.get().name(), ok.authcid(), "cancelled by the client after the server's proof");
                        return;
                    }
                    Optional<AuthenticatedUser> u = guard.user(ok.authcid());
                    if (u.isEmpty()) {
                        guard.failed(peer, mech.get().name(), ok.authcid(), "account removed during the login");
                        s.reply(Pop3Reply.err(ResponseCode.AUTH, "authentication failed"));
                    } else {
                        guard.finish(peer, mech.get(), ok);
                        s.loggedIn(u.get());
                    }
                    return;
                }
                case SaslStep.Failure f -> {
                    guard.finish(peer, mech.get(), f);
                    s.reply(f.reason() == SaslStep.Reason.TEMPORARY_FAILURE
                            ? Pop3Reply.err(ResponseCode.SYS_TEMP, "authentication temporarily unavailable, try again later")
                            : Pop3Reply.err(ResponseCode.AUTH, "authentication failed"));
                    return;
                }
            }
        }
    }

    /** Sends a challenge and reads the response; null (after replying) when cancelled, malformed or the peer left. */
    private static byte[] challenge(Pop3Session s, byte[] data) throws IOException {
        s.reply(data.length == 0 ? "+ " : "+ " + Base64.getEncoder().encodeToString(data));
        s.conn.flush();
        LineRead r = s.conn.readLine(Pop3Session.MAX_READ);
        switch (r) {
            case LineRead.End e -> throw new java.io.EOFException("client left during AUTH");
            case LineRead.TooLong t -> {
                s.reply(Pop3Reply.err(ResponseCode.AUTH, "response too long"));
                return null;
            }
            case LineRead.Line line -> {
                String text = new String(line.bytes(), StandardCharsets.US_ASCII).trim();
                if (text.equals("*")) {
                    s.reply(Pop3Reply.err("authentication cancelled"));
                    return null;
                }
                byte[] b = decode(text);
                if (b == null) s.reply(Pop3Reply.err(ResponseCode.AUTH, "invalid base64"));
                return b;
            }
        }
    }

    private static byte[] decode(String text) {
        if (text.equals("=")) return new byte[0];
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
