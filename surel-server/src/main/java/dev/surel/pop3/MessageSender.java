package dev.surel.pop3;

import dev.surel.maildrop.Maildrop;
import dev.surel.protocol.pop3.DotStuffer;
import dev.surel.protocol.pop3.Pop3Reply;
import dev.surel.protocol.pop3.TopFilter;
import dev.surel.store.MailStore;
import dev.surel.store.SizedStream;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams a message of the snapshot to the client (RETR and TOP): checks it is still live
 * (a message expunged over IMAP since login answers {@code -ERR}; {@link Pop3Session#stillLive}),
 * opens its stored bytes by hash and the size the snapshot listed (no database read, no stat),
 * writes {@code +OK} and copies them through the dot-stuffer (RFC 1939 §3, dots found in bulk) in
 * 64 KiB chunks (one buffer per session): never the whole message in memory.
 */
final class MessageSender {
    /** Read size: at least the blob store's input buffer, so reads bypass it (no buffer allocated per message). */
    static final int CHUNK = 64 * 1024;

    private MessageSender() {
    }

    /** What was sent. */
    enum Sent { GONE, PART, WHOLE }

    /** Sends the message (all of it when {@code topLines} < 0); GONE (after replying) when it was expunged. */
    static Sent send(Pop3Session s, Maildrop.Entry e, long topLines) throws IOException {
        MailStore store = s.ctx.store();
        if (!s.stillLive(e)) {
            s.reply(Pop3Reply.err("message was removed from the server since this session began"));
            return Sent.GONE;
        }
        SizedStream stream;
        try {
            stream = store.openContent(e.blobHash(), e.size()); // the size as listed: no stat of the file
        } catch (StoreException.NotFound gone) {
            s.reply(Pop3Reply.err("message was removed from the server since this session began"));
            return Sent.GONE;
        }
        try (stream; InputStream in = stream.in()) {
            s.reply(Pop3Reply.ok(topLines < 0 ? stream.size() + " octets" : "top of message follows"));
            OutputStream conn = s.conn.output();
            DotStuffer stuffer = new DotStuffer(conn);
            TopFilter top = topLines < 0 ? null : new TopFilter(stuffer, topLines);
            OutputStream sink = top == null ? stuffer : top;
            byte[] buf = s.chunk();
            int n;
            while ((n = in.read(buf)) > 0) {
                sink.write(buf, 0, n);
                if (top != null && top.satisfied()) break;
            }
            stuffer.finish();
            return top != null && top.satisfied() ? Sent.PART : Sent.WHOLE;
        }
    }
}
