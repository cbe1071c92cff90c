package dev.surel.smtp;

import dev.surel.protocol.smtp.BareLineEndings;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import java.io.IOException;
import java.io.OutputStream;

/**
 * BDAT (RFC 3030 §2, CHUNKING): the chunk's octets are always read in full, whatever the
 * answer, since the client sends them without waiting. Chunks are taken verbatim (no
 * dot-stuffing) into the spool and checked for bare CR / LF across chunk boundaries
 * ({@link BareLineEndings}); a message with one is refused at BDAT LAST with 550 5.6.0. A total
 * above {@code max_message_size} is refused at the chunk that crosses it (552 5.3.4) and ends
 * the transaction; later chunks then get 503 5.5.1 (RFC 3030 §3).
 *
 * <p>Slow senders: one {@code smtp.data_deadline} covers the whole message, from the first
 * chunk's command to the end of the LAST chunk's octets, the command lines and pauses between
 * chunks included (the session keeps it in force between chunks); a chunk that is only read to
 * be discarded gets a deadline of its own. Past it the session answers 421 4.4.2.
 */
final class BdatHandler {
    private BdatHandler() {
    }

    static SmtpReply handle(SmtpSession s, SmtpCommand.Bdat c) throws IOException {
        Transaction tx = s.tx;
        SmtpReply early = null;
        if (tx == null) early = Replies.BAD_SEQUENCE_MAIL;
        else if (tx.recipients.isEmpty()) early = Replies.NO_RECIPIENTS;
        else if (tx.bdatOctets + c.size() > s.ctx.settings().maxMessageSize()) early = Replies.TOO_BIG;
        if (early != null) {
            discard(s, c.size());
            s.resetTransaction();
            return early;
        }
        if (tx.bdat == null) {
            tx.bdat = Acceptance.open(s);
            tx.bdatBare = new BareLineEndings();
            tx.bdatDeadline = s.conn.startDeadline("BDAT message data", s.ctx.settings().dataDeadline());
        }
        MessageWriter w = tx.bdat;
        BareLineEndings bare = tx.bdatBare;
        tx.bdatOctets += c.size();
        s.conn.idleTimeout(s.ctx.settings().dataTimeout());
        s.conn.deadline(tx.bdatDeadline);
        try {
            s.conn.copyExact(c.size(), new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bare.scan(b, off, len);
                    w.write(b, off, len);
                }
            });
        } finally {
            s.conn.idleTimeout(s.ctx.settings().commandTimeout());
        }
        if (!c.last()) return SmtpReply.of(250, "2.0.0", c.size() + " octets received");
        bare.finish();
        if (bare.found()) w.refuseOverriding(Replies.BARE_LINE_ENDING);
        tx.bdat = null; // the writer now belongs to finish
        return Acceptance.finish(s, w);
    }

    private static void discard(SmtpSession s, long n) throws IOException {
        s.conn.idleTimeout(s.ctx.settings().dataTimeout());
        s.conn.startDeadline("BDAT chunk", s.ctx.settings().dataDeadline());
        try {
            s.conn.copyExact(n, OutputStream.nullOutputStream());
        } finally {
            s.conn.deadline(null);
            s.conn.idleTimeout(s.ctx.settings().commandTimeout());
        }
    }
}
