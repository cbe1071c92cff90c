package dev.surel.filter;

import dev.surel.protocol.filter.ClamdProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Scans a message with clamd (ClamAV's daemon) over TCP or a unix socket with INSTREAM
 * ({@link ClamdProtocol}): the message is read from the spool and sent in chunks of
 * {@value #CHUNK} octets, never held whole. The connect has its own time limit, and the whole
 * exchange another ({@link Deadline}); when either runs out, or clamd is down or answers
 * something unexpected, the result is {@link ScanResult.Failed}.
 */
final class ClamdClient {
    static final int CHUNK = 64 * 1024;

    private final ScannerAddress address;
    private final Duration connectTimeout;
    private final Duration timeout;

    ClamdClient(ScannerAddress address, Duration connectTimeout, Duration timeout) {
        this.address = address;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    ScanResult scan(InputStream message) {
        SocketChannel ch;
        try {
            ch = address instanceof ScannerAddress.Unix ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        } catch (IOException e) {
            return new ScanResult.Failed("clamd: " + e.getMessage());
        }
        try (SocketChannel c = ch) {
            try (Deadline d = new Deadline(c, connectTimeout)) {
                c.connect(address.socketAddress());
            } catch (IOException e) {
                return new ScanResult.Failed("clamd at " + address + ": cannot connect (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
            try (Deadline d = new Deadline(c, timeout)) {
                try {
                    return exchange(c, message);
                } catch (IOException e) {
                    return new ScanResult.Failed("clamd at " + address + ": " + (d.expired() ? "no answer within " + timeout.toSeconds() + " s"
                            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
                }
            }
        } catch (IOException e) {
            return new ScanResult.Failed("clamd at " + address + ": " + e.getMessage());
        }
    }

    private static ScanResult exchange(SocketChannel c, InputStream message) throws IOException {
        // clamd answers "INSTREAM size limit exceeded" and closes its end once StreamMaxLength is
        // passed: any later write (a length, data, the terminator) then fails, and what it said is
        // read after the failed write
        boolean stoppedEarly = false;
        try {
            writeAll(c, ByteBuffer.wrap(ClamdProtocol.INSTREAM));
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = message.readNBytes(buf, 0, buf.length)) > 0) {
                writeAll(c, ByteBuffer.wrap(ClamdProtocol.chunkLength(n)));
                writeAll(c, ByteBuffer.wrap(buf, 0, n));
            }
            writeAll(c, ByteBuffer.wrap(ClamdProtocol.chunkLength(0)));
        } catch (IOException e) {
            if (!c.isOpen()) throw e; // closed by the deadline: no answer in time
            stoppedEarly = true;
        }
        String reply;
        try {
            reply = readReply(c);
        } catch (IOException e) {
            if (!stoppedEarly) throw e;
            reply = "";
        }
        if (reply.isEmpty() && stoppedEarly) throw new IOException("connection closed while sending");
        return switch (ClamdProtocol.parse(reply)) {
            case ClamdProtocol.Reply.Clean x -> new ScanResult.Clean();
            case ClamdProtocol.Reply.Found f -> new ScanResult.Infected(f.signature());
            case ClamdProtocol.Reply.SizeLimit x -> new ScanResult.TooBig();
            case ClamdProtocol.Reply.Error e -> new ScanResult.Failed("clamd: " + e.text());
        };
    }

    private static void writeAll(SocketChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) c.write(b);
    }

    /** Up to the NUL (or the end of the connection), at most {@link ClamdProtocol#MAX_REPLY} octets. */
    private static String readReply(SocketChannel c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(512);
        while (out.size() < ClamdProtocol.MAX_REPLY) {
            b.clear();
            int n;
            try {
                n = c.read(b);
            } catch (IOException e) { // a reset after the reply (we wrote past the limit): the reply so far counts
                if (out.size() == 0) throw e;
                break;
            }
            if (n < 0) break;
            for (int i = 0; i < n; i++) {
                if (b.get(i) == 0) return out.toString(StandardCharsets.US_ASCII);
                out.write(b.get(i));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
