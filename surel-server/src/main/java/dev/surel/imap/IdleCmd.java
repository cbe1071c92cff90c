package dev.surel.imap;

import dev.surel.net.LineRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * IDLE (RFC 2177, RFC 9051 §6.3.13): after {@code + idling} this thread waits for DONE with the
 * connection's buffers given back ({@link dev.surel.net.Connection#releaseBuffers}); each commit on
 * the account's change bus makes the {@link IdlePusher} write EXISTS / EXPUNGE / FETCH at once,
 * on a thread that lives only for that push. Nothing polls: a parked IDLE costs its socket, its
 * one parked thread and its session. The authenticated inactivity timeout
 * ({@code imap.idle_timeout}, RFC 9051 §5.4: 30 minutes) still ends an IDLE nobody renews.
 */
final class IdleCmd {
    private IdleCmd() { }

    // RFC 2177 §3, RFC 9051 §6.3.13
    static void run(ImapSession s, String tag) throws IOException {
        s.out().line("+ idling");
        s.writeUpdates(true);
        s.out().flush();
        IdlePusher pusher = new IdlePusher(s);
        s.connection().releaseBuffers();
        LineRead r;
        try {
            s.watchEvents(pusher::signal);
            pusher.signal(); // a commit between writeUpdates and watchEvents
            r = s.connection().readLine(s.settings().maxLineLength());
        } finally {
            s.watchEvents(null);
            pusher.stop();
        }
        if (s.state() == ImapSession.State.LOGOUT) return;
        switch (r) {
            case LineRead.Line l when new String(l.bytes(), StandardCharsets.US_ASCII).equalsIgnoreCase("DONE") ->
                    s.ok(tag, "IDLE terminated");
            case LineRead.Line l -> s.out().bad(tag, "Expected DONE");
            case LineRead.TooLong t -> s.out().bad(tag, "Expected DONE");
            case LineRead.End e -> s.logout();
        }
    }
}
