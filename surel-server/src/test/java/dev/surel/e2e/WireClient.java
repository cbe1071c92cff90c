package dev.surel.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain-text line client for SMTP, IMAP and POP3 over a real socket, optionally bound to a
 * chosen loopback source address (127.0.0.2, ...) so one test can be several clients' IPs.
 */
final class WireClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final String greeting;

    WireClient(String source, int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        greeting = line();
    }

    /** One line without CRLF, decoded as UTF-8; null at EOF. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') b.write(c);
        if (c < 0 && b.size() == 0) return null;
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Exactly {@code n} octets (an IMAP literal). */
    byte[] readBytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) throw new java.io.EOFException("connection closed in a literal");
        return b;
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** POP3: a command and its one-line reply. */
    String pop3(String line) throws IOException {
        send(line);
        return line();
    }

    /** SMTP: a command and its (possibly multi-line) reply, lines joined with \n. */
    String smtp(String line) throws IOException {
        send(line);
        return smtpReply();
    }

    String smtpReply() throws IOException {
        StringBuilder b = new StringBuilder();
        String l;
        while ((l = line()) != null) {
            b.append(l).append('\n');
            if (l.length() < 4 || l.charAt(3) != '-') break;
        }
        return b.toString();
    }

    /** Octets as they are (UTF-8), e.g. a command with a literal. */
    void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** IMAP: {@code tag command}; every line up to the tagged one, joined with \n (the tagged one last). */
    String imap(String tag, String command) throws IOException {
        send(tag + " " + command);
        return imapReply(tag);
    }

    /** IMAP: every line up to the one tagged {@code tag}. */
    String imapReply(String tag) throws IOException {
        StringBuilder b = new StringBuilder();
        String l;
        while ((l = line()) != null) {
            b.append(l).append('\n');
            if (l.startsWith(tag + " ")) break;
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
