package dev.surel.imap.interop;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A minimal IMAP client for tests: sends tagged commands and reads responses line by line,
 * handing literals ({@code {n}}) to a consumer as streams so large bodies are never held in memory.
 */
final class RawImap implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;

    RawImap(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(120_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
    }

    OutputStream out() {
        return out;
    }

    /** Reads one line without its CRLF (as ISO-8859-1 text). */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    String nextTag() {
        return "a" + (++tag);
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Sends {@code command} with a fresh tag and reads to its tagged response; each literal in an
     * untagged response is given to {@code literals} as a stream bounded to its length (it must be
     * read fully or not at all). Returns all lines, the tagged one last.
     */
    List<String> command(String command, Consumer<InputStream> literals) throws IOException {
        String t = nextTag();
        send(t + " " + command + "\r\n");
        return readUntil(t, literals);
    }

    List<String> command(String command) throws IOException {
        return command(command, s -> {
            throw new IllegalStateException("unexpected literal");
        });
    }

    List<String> readUntil(String t, Consumer<InputStream> literals) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            lines.add(l);
            if (l.endsWith("}")) {
                int open = l.lastIndexOf('{');
                long n = Long.parseLong(l.substring(open + 1, l.length() - 1).replace("+", ""));
                Bounded b = new Bounded(in, n);
                literals.accept(b);
                b.skipRest();
                continue; // the rest of the response follows on the next line
            }
            if (l.startsWith(t + " ")) {
                return lines;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A view of the next n bytes of a stream. */
    static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long n) {
            this.in = in;
            this.left = n;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        void skipRest() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) > 0) {
                // discard
            }
        }
    }
}
