package dev.surel.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A line-based test client for the end-to-end tests: SMTP replies (multi-line 250- joined) and
 * IMAP responses up to the tagged completion. Plain TCP on loopback (where Surel allows clear-text
 * logins); every read has a timeout so a hung server fails the test instead of hanging it.
 */
final class Wire implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tags;

    Wire(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendBytes(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** One line without its CRLF; null at the end of the stream. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') break;
            b.write(c);
        }
        if (c == -1 && b.size() == 0) return null;
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    // ------------------------------------------------------------------ SMTP

    /** An SMTP reply: its lines joined by newlines; the code is the first three characters. */
    String reply() throws IOException {
        StringBuilder b = new StringBuilder();
        String l;
        do {
            l = line();
            if (l == null) throw new IOException("connection closed; got so far: " + b);
            if (!b.isEmpty()) b.append('\n');
            b.append(l);
        } while (l.length() > 3 && l.charAt(3) == '-');
        return b.toString();
    }

    String smtp(String command) throws IOException {
        send(command + "\r\n");
        return reply();
    }

    // ------------------------------------------------------------------ IMAP

    /** Sends {@code tag command} and returns every line up to and including the tagged one. */
    List<String> imap(String command) throws IOException {
        String tag = "t" + (++tags);
        send(tag + " " + command + "\r\n");
        return untilTagged(tag);
    }

    /** The tagged line of {@link #imap}. */
    String imapStatus(String command) throws IOException {
        return imap(command).getLast();
    }

    /**
     * APPEND with a synchronizing literal: the tagged answer if the server refuses the literal
     * instead of sending "+", else the completion after the message.
     */
    String append(String mailbox, byte[] message, boolean nonSynchronizing) throws IOException {
        String tag = "t" + (++tags);
        send(tag + " APPEND " + mailbox + " {" + message.length + (nonSynchronizing ? "+" : "") + "}\r\n");
        if (!nonSynchronizing) {
            String l = line();
            if (l == null) throw new IOException("connection closed at APPEND");
            if (l.startsWith(tag + " ")) return l;
            if (!l.startsWith("+")) throw new IOException("expected a continuation, got " + l);
        }
        sendBytes(message);
        send("\r\n");
        return untilTagged(tag).getLast();
    }

    private List<String> untilTagged(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            if (l == null) throw new IOException("connection closed before " + tag + " completed; got " + lines);
            lines.add(l);
            if (l.startsWith(tag + " ")) return lines;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
