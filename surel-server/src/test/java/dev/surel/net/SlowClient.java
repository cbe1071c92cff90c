package dev.surel.net;

import dev.surel.testkit.LineClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test client for slow-sender tests of every protocol, over the kit's {@link LineClient}: sends
 * octets one at a time with a pause between them from a background thread (a "trickle") while
 * the test reads the server's answer, and measures how long the server took. Reads time out
 * after {@link #READ_TIMEOUT} so a server that never answers fails the test instead of hanging it.
 */
public final class SlowClient implements AutoCloseable {
    /** Longest wait for one line from the server. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final LineClient wire;
    private Thread trickler;
    private final AtomicInteger trickled = new AtomicInteger();
    private volatile long trickleStart;

    public SlowClient(InetSocketAddress a) throws IOException {
        wire = LineClient.plain(a).timeout(READ_TIMEOUT);
    }

    /** One line without its CRLF, or null at EOF. */
    public String line() throws IOException {
        return wire.line();
    }

    /** Lines until one starts with {@code prefix} (returned); fails at EOF. */
    public String lineStartingWith(String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        while (true) {
            String l = line();
            if (l == null) throw new AssertionError("EOF before a line starting with " + prefix + "; saw " + seen);
            if (l.startsWith(prefix)) return l;
            seen.add(l);
        }
    }

    /** Sends the text as ISO-8859-1 (one octet a character). */
    public void send(String s) throws IOException {
        send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] b) throws IOException {
        wire.send(b);
    }

    /** Sends a line (CRLF added) at full speed and returns the next line. */
    public String cmd(String line) throws IOException {
        send(line + "\r\n");
        return line();
    }

    /**
     * Starts sending {@code octets} one at a time, {@code every} apart, from a background thread;
     * the first octet goes out at once. The thread stops quietly when the server closes.
     */
    public void trickle(String octets, Duration every) {
        byte[] b = octets.getBytes(StandardCharsets.ISO_8859_1);
        trickleStart = System.nanoTime();
        trickler = Thread.ofVirtual().name("trickle").start(() -> {
            try {
                for (byte x : b) {
                    wire.send(new byte[] {x});
                    trickled.incrementAndGet();
                    Thread.sleep(every);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection (or the test ended)
            }
        });
    }

    /** Octets the trickle has sent so far. */
    public int trickled() {
        return trickled.get();
    }

    /** Time since {@link #trickle} began (just before its first octet). */
    public Duration sinceTrickleStart() {
        return Duration.ofNanos(System.nanoTime() - trickleStart);
    }

    /** True when the server has closed: EOF (or a reset) within {@code within}. */
    public boolean closedWithin(Duration within) throws IOException {
        return wire.closedWithin(within);
    }

    @Override
    public void close() throws IOException {
        if (trickler != null) trickler.interrupt();
        wire.close();
    }
}
