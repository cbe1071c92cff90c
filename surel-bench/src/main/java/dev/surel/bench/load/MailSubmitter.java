package dev.surel.bench.load;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal SMTP (RFC 5321) or LMTP (RFC 2033) client that hands messages to a server one at a
 * time over one connection: greeting, EHLO/LHLO once, then per message MAIL, RCPT (one
 * recipient), DATA with dot-stuffing, and the final reply. Any reply other than the expected 2xx/354
 * is an {@link IOException} with the server's line. Used by {@code imap-idle} to deliver into
 * Surel (SMTP) or Dovecot (LMTP).
 */
final class MailSubmitter implements Closeable {
    enum Protocol { SMTP, LMTP }

    private final Socket socket;
    private final LineReader in;
    private final OutputStream out;

    MailSubmitter(Protocol protocol, String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), Connector.CONNECT_TIMEOUT_MS);
        socket.setSoTimeout(60_000);
        in = new LineReader(socket.getInputStream(), 4096);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        try {
            expect(220, "greeting");
            send((protocol == Protocol.LMTP ? "LHLO" : "EHLO") + " load.bench.invalid\r\n");
            expect(250, protocol == Protocol.LMTP ? "LHLO" : "EHLO");
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Delivers one message (CRLF line ends) to one recipient; returns {@link System#nanoTime()}
     * taken right after the final 250 (LMTP: the one reply for the one recipient) was read.
     */
    long deliver(String from, String recipient, byte[] message) throws IOException {
        send("MAIL FROM:<" + from + ">\r\n");
        expect(250, "MAIL");
        send("RCPT TO:<" + recipient + ">\r\n");
        expect(250, "RCPT");
        send("DATA\r\n");
        expect(354, "DATA");
        int lineStart = 0;
        for (int i = 0; i < message.length; i++) {
            if (i == lineStart && message[i] == '.') out.write('.');
            out.write(message[i]);
            if (message[i] == '\n') lineStart = i + 1;
        }
        if (message.length > 0 && message[message.length - 1] != '\n') out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        send(".\r\n");
        expect(250, "end of data");
        return System.nanoTime();
    }

    private void send(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads a (multi-line) reply; its code must be {@code code}. */
    private void expect(int code, String what) throws IOException {
        while (true) {
            int n = in.readLine();
            String l = in.lineString();
            if (n < 3) throw new IOException(what + ": malformed reply " + ImapClient.clip(l));
            if (n > 3 && l.charAt(3) == '-') continue;
            if (!l.startsWith(Integer.toString(code))) throw new IOException(what + ": " + ImapClient.clip(l));
            return;
        }
    }

    @Override
    public void close() {
        try {
            send("QUIT\r\n");
            in.readLine();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
