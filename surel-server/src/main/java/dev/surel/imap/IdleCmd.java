package dev.surel.imap;

import dev.surel.net.LineRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IDLE (RFC 2177, RFC 9051 §6.3.13): after {@code + idling} a pusher thread waits on the change
 * bus and writes EXISTS / EXPUNGE / FETCH within a fraction of a second of each commit (through
 * the responder's lock), while this thread waits for DONE. The authenticated inactivity
 * timeout ({@code imap.idle_timeout}, RFC 9051 §5.4: 30 minutes) still ends an IDLE nobody
 * renews.
 */
final class IdleCmd {
    private static final Logger log = LoggerFactory.getLogger(IdleCmd.class);
    private static final long POLL_MILLIS = 200;

    private IdleCmd() { }

    // RFC 2177 §3, RFC 9051 §6.3.13
    static void run(ImapSession s, String tag) throws IOException {
        s.out().line("+ idling");
        s.writeUpdates(true);
        s.out().flush();
        AtomicBoolean stop = new AtomicBoolean();
        Thread pusher = Thread.ofVirtual().name(s.connection().id() + "-idle").start(() -> push(s, stop));
        LineRead r;
        try {
            r = s.connection().readLine(s.settings().maxLineLength());
        } finally {
            stop.set(true);
            try {
                pusher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    private static void push(ImapSession s, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (s.awaitEvent(POLL_MILLIS)) {
                    s.writeUpdates(true);
                    s.out().flush();
                    if (s.state() == ImapSession.State.LOGOUT) {
                        s.connection().close();
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.debug("{}: IDLE push stopped: {}", s.connection().id(), e.toString());
        }
    }
}
