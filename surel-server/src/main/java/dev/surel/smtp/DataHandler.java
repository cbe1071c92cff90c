package dev.surel.smtp;

import dev.surel.protocol.smtp.DataDecoder;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import java.io.EOFException;
import java.io.IOException;

/**
 * DATA (RFC 5321 §4.1.1.4): 354, then the content through a {@link DataDecoder} straight into
 * the spool until {@code <CRLF>.<CRLF>}, then one reply. A bare CR or LF anywhere is read past
 * to the real end and the whole message is refused with 550 5.6.0 (RFC 5321 §2.3.8, SMTP
 * smuggling); nothing is answered before the end. Octets after the end stay buffered as the
 * next commands (PIPELINING). Idle limit while reading: {@code smtp.data_timeout}; the whole
 * content, from the 354 to the final dot, must arrive within {@code smtp.data_deadline} however
 * steadily it trickles in (else 421 4.4.2 from the session, and the message is dropped).
 */
final class DataHandler {
    private DataHandler() {
    }

    static SmtpReply handle(SmtpSession s, SmtpCommand.Data c) throws IOException {
        Transaction tx = s.tx;
        if (tx == null) return Replies.BAD_SEQUENCE_MAIL;
        if (tx.bdat != null) return SmtpReply.of(503, "5.5.1", "DATA not allowed after BDAT");
        if (tx.recipients.isEmpty()) return Replies.NO_RECIPIENTS;
        s.send(SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>"), true);
        MessageWriter w = Acceptance.open(s);
        DataDecoder decoder = new DataDecoder();
        s.conn.idleTimeout(s.ctx.settings().dataTimeout());
        s.conn.startDeadline("message data", s.ctx.settings().dataDeadline());
        boolean complete = false;
        try {
            while (!decoder.ended()) {
                if (!s.conn.scan((b, off, len) -> decoder.feed(b, off, len, w::write))) {
                    throw new EOFException("connection closed inside DATA");
                }
            }
            complete = true;
        } finally {
            s.conn.deadline(null);
            s.conn.idleTimeout(s.ctx.settings().commandTimeout());
            if (!complete) {
                w.abort();
                s.tx = null;
            }
        }
        if (decoder.bareLineEnding()) w.refuseOverriding(Replies.BARE_LINE_ENDING);
        return Acceptance.finish(s, w);
    }
}
