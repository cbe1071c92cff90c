package dev.surel.bench.load;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A small blocking IMAP4rev1/rev2 client for load generation: tagged commands, untagged responses
 * handed to a callback, server literals read and counted but not kept (a benchmark checks counts
 * and sizes, it does not parse envelopes), APPEND with a synchronizing literal (RFC 9051 §4.3),
 * STARTTLS and IDLE (RFC 2177).
 *
 * <p>Invariants: one thread uses a client at a time (during IDLE, the thread that reads the
 * pushed responses; {@link #send} of {@code DONE} may come from another thread only when that
 * reader is the one that then reads the tagged reply). A {@link Response}'s text is the response
 * with each literal's octets replaced by nothing after its {@code {n}} marker. A NO or BAD is a
 * {@link Tagged} the caller judges; {@link #expectOk} turns it into an {@link ImapException}. A BYE
 * is passed on like any untagged response (the end of stream that follows is an EOF error).
 */
final class ImapClient implements Closeable {

    /** One server response: its text (literal octets left out) and how many literal octets it carried. */
    record Response(String text, long literalOctets) {
        boolean untagged() {
            return text.startsWith("* ");
        }

        boolean continuation() {
            return text.startsWith("+");
        }

        /** n of {@code * n KEYWORD ...}, or -1 when this is not such a response. */
        long number(String keyword) {
            if (!text.startsWith("* ")) return -1;
            int sp = text.indexOf(' ', 2);
            if (sp < 0) return -1;
            int end = text.indexOf(' ', sp + 1);
            String word = end < 0 ? text.substring(sp + 1) : text.substring(sp + 1, end);
            if (!word.equalsIgnoreCase(keyword)) return -1;
            try {
                return Long.parseLong(text.substring(2, sp));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** The tagged completion of a command: OK, NO or BAD and the rest of the line. */
    record Tagged(String status, String text) {
        boolean ok() {
            return status.equals("OK");
        }

        /** The UID of an APPENDUID response code (RFC 4315 §3), or -1. */
        long appendUid() {
            int i = text.indexOf("[APPENDUID ");
            if (i < 0) return -1;
            String[] parts = text.substring(i + 11, text.indexOf(']', i)).split(" ");
            try {
                return parts.length == 2 ? Long.parseLong(parts[1]) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** A NO/BAD where OK was needed, an unexpected continuation, or a BYE. */
    static final class ImapException extends IOException {
        ImapException(String message) {
            super(message);
        }
    }

    private Socket socket;
    private LineReader in;
    private OutputStream out;
    private int nextTag;

    private ImapClient(Socket socket) throws IOException {
        attach(socket);
    }

    /** Connects, reads the greeting and does STARTTLS when asked. */
    static ImapClient connect(Connector connector, boolean starttls) throws IOException {
        Socket s = connector.open();
        ImapClient c;
        try {
            c = new ImapClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        try {
            Response greeting = c.read();
            if (!greeting.text().startsWith("* OK") && !greeting.text().startsWith("* PREAUTH")) {
                throw new ImapException("greeting: " + clip(greeting.text()));
            }
            if (starttls) {
                c.expectOk("STARTTLS", c.command("STARTTLS", r -> { }));
                c.attach(connector.startTls(c.socket));
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        // 16 KiB in, 2 KiB out: enough for FETCH 1:* at speed, small enough for 10,000 idle connections
        this.in = new LineReader(s.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(s.getOutputStream(), 2048);
    }

    Socket socket() {
        return socket;
    }

    void login(String user, String password) throws IOException {
        expectOk("LOGIN", command("LOGIN " + quote(user) + " " + quote(password), r -> { }));
    }

    /** Sends {@code tag command} and reads to its tagged completion, untagged responses to {@code untagged}. */
    Tagged command(String command, Consumer<Response> untagged) throws IOException {
        String tag = nextTag();
        send(tag + " " + command + "\r\n");
        return complete(tag, untagged);
    }

    /** APPEND with a synchronizing literal: waits for the server's {@code +} before the octets. */
    Tagged append(String mailbox, String flags, byte[] message, Consumer<Response> untagged) throws IOException {
        String tag = nextTag();
        send(tag + " APPEND " + quote(mailbox) + (flags.isEmpty() ? "" : " (" + flags + ")") + " {" + message.length + "}\r\n");
        while (true) {
            Response r = read();
            if (r.continuation()) break;
            if (r.text().startsWith(tag + " ")) return tagged(tag, r);
            untagged.accept(r);
        }
        out.write(message);
        send("\r\n");
        return complete(tag, untagged);
    }

    /** Starts IDLE: returns once the server's continuation ({@code + idling}) arrived. */
    String idle(Consumer<Response> untagged) throws IOException {
        String tag = nextTag();
        send(tag + " IDLE\r\n");
        while (true) {
            Response r = read();
            if (r.continuation()) return tag;
            if (r.text().startsWith(tag + " ")) throw new ImapException("IDLE: " + clip(r.text()));
            untagged.accept(r);
        }
    }

    /** Reads responses until the one tagged {@code tag}. */
    Tagged complete(String tag, Consumer<Response> untagged) throws IOException {
        while (true) {
            Response r = read();
            if (r.text().startsWith(tag + " ")) return tagged(tag, r);
            if (r.continuation()) throw new ImapException("unexpected continuation: " + clip(r.text()));
            untagged.accept(r);
        }
    }

    private static Tagged tagged(String tag, Response r) {
        String rest = r.text().substring(tag.length() + 1);
        int sp = rest.indexOf(' ');
        return sp < 0 ? new Tagged(rest.toUpperCase(java.util.Locale.ROOT), "")
                : new Tagged(rest.substring(0, sp).toUpperCase(java.util.Locale.ROOT), rest.substring(sp + 1));
    }

    /** Reads one whole response: a line, and for each literal it announces, the literal and the line after it. */
    Response read() throws IOException {
        in.readLine();
        String first = in.lineString();
        long literal = literalSize(first);
        if (literal < 0) return new Response(first, 0);
        StringBuilder text = new StringBuilder(first);
        long octets = 0;
        while (literal >= 0) {
            in.skip(literal);
            octets += literal;
            in.readLine();
            String next = in.lineString();
            text.append(next);
            literal = literalSize(next);
        }
        return new Response(text.toString(), octets);
    }

    /** n of a line ending in {@code {n}} (or {@code ~{n}}, RFC 3516), else -1. */
    private static long literalSize(String line) {
        if (!line.endsWith("}")) return -1;
        int open = line.lastIndexOf('{');
        if (open < 0 || open == line.length() - 2) return -1;
        long n = 0;
        for (int i = open + 1; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9' || n > Integer.MAX_VALUE) return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String nextTag() {
        return "a" + (++nextTag);
    }

    static void expectOk(String what, Tagged t) throws ImapException {
        if (!t.ok()) throw new ImapException(what + ": " + t.status() + " " + clip(t.text()));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A server line for an error message: at most 200 chars, control characters shown as '?'. */
    static String clip(String s) {
        String t = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

    /** Tries LOGOUT (errors ignored: the measure is over) and closes the socket. */
    void logoutQuietly() {
        try {
            command("LOGOUT", r -> { });
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
