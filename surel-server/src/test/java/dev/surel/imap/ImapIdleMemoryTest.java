package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a parked IDLE connection (RFC 2177, RFC 9051 §6.3.13) keeps on the server's heap: opens
 * {@value #N} connections that log in, SELECT INBOX and IDLE, and counts the heap retained after a
 * full GC, per connection, against the same server before them. The clients are bare blocking
 * channels (no buffers, no threads of their own), so nearly all of what is counted is the
 * server's; and the live {@code VirtualThread} objects per connection (one: no second thread per
 * IDLE). The class histogram of what grew is printed. Then one delivery must reach every
 * connection as {@code * n EXISTS} and DONE must end every IDLE: cheaper must not mean deaf. No
 * timing is asserted.
 */
class ImapIdleMemoryTest {
    static final int N = 1000;
    static final int WARM = 200;
    /**
     * Retained heap per idle connection allowed besides the parked thread's stack (server plus
     * the client's bare channel, about 0.4 KB): objects, so the count is stable. Counted here:
     * about 26 KB before issue 16 (8 KB input and 8 KB output buffer, a change-bus queue of 1,000
     * slots, a pusher thread), about 5.5 KB after, 4.3 KB since the connection id left the MDC
     * (a thread-local map) and an empty change-bus queue holds no buffer.
     */
    static final long BOUND = 6 * 1024;
    /**
     * With the stack of the parked virtual thread, whose size depends on how far the JIT has
     * compiled the frames (4.5-8 KB seen): 36 KB before issue 16, 10-13 KB after.
     */
    static final long BOUND_WITH_STACK = 20 * 1024;

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, "pw")
            .toml("limits", "max_connections = 5000\nmax_connections_per_ip = 5000").perTest();

    @Test
    void aParkedIdleConnectionRetainsAFewKilobytes() throws Exception {
        for (int i = 1; i <= 3; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "body " + i));
        InetSocketAddress at = srv.address(Endpoint.IMAP);
        List<SocketChannel> warm = new ArrayList<>();
        for (int i = 0; i < WARM; i++) warm.add(idle(at)); // classes loaded, code compiled, pools and caches filled
        done(warm);
        for (SocketChannel c : warm) c.close();
        Thread.sleep(500);
        Map<String, long[]> before = histogram();
        long used0 = retainedHeap();
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < N; i++) idle.add(idle(at));
            Thread.sleep(500);
            long used1 = retainedHeap();
            Map<String, long[]> after = histogram();
            long perConnection = (used1 - used0) / N;
            System.out.printf("IDLE memory: %d connections, retained heap %d -> %d bytes: %d bytes per connection%n",
                    N, used0, used1, perConnection);
            printGrowth(before, after);
            double threads = grown(before, after, "java.lang.VirtualThread", 0) / (double) N;
            long stacks = grown(before, after, "jdk.internal.vm.StackChunk", 1) / N;
            System.out.printf("IDLE memory: %d bytes per connection besides thread stacks (%d)%n", perConnection - stacks, stacks);
            srv.deliver(srv.alice(), "INBOX", TestServer.message("m4", "pushed"));
            for (SocketChannel c : idle) expect(c, "* 4 EXISTS");
            done(idle);
            assertThat(threads).as("threads per IDLE connection (no pusher thread while nothing happens)").isLessThan(1.1);
            assertThat(perConnection - stacks).as("retained heap per IDLE connection besides its thread's stack").isLessThan(BOUND);
            assertThat(perConnection).as("retained heap per IDLE connection").isLessThan(BOUND_WITH_STACK);
        } finally {
            for (SocketChannel c : idle) c.close();
        }
    }

    /** A connection logged in as alice, INBOX selected, in IDLE (the continuation read). */
    private static SocketChannel idle(InetSocketAddress at) throws IOException {
        SocketChannel c = SocketChannel.open(at);
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        expect(c, "* OK");
        send(c, "a LOGIN " + ALICE + " pw\r\n");
        expect(c, "a OK");
        send(c, "b SELECT INBOX\r\n");
        expect(c, "b OK");
        send(c, "c IDLE\r\n");
        expect(c, "+ ");
        return c;
    }

    /** Ends every IDLE (all DONEs first, then every completion). */
    private static void done(List<SocketChannel> all) throws IOException {
        for (SocketChannel c : all) send(c, "DONE\r\n");
        for (SocketChannel c : all) expect(c, "c OK IDLE terminated");
    }

    private static void send(SocketChannel c, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) c.write(b);
    }

    /** Reads octet by octet (nothing buffered client-side) until a line starting with {@code prefix}. */
    private static void expect(SocketChannel c, String prefix) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        List<String> seen = new ArrayList<>();
        while (true) {
            one.clear();
            if (c.read(one) < 0) throw new IOException("closed; seen " + seen);
            char ch = (char) one.get(0);
            if (ch != '\n') {
                line.append(ch);
                continue;
            }
            String l = line.toString().strip();
            if (l.startsWith(prefix)) return;
            if (l.matches("[a-z] (NO|BAD).*")) throw new IOException(l + "; seen " + seen);
            seen.add(l);
            line.setLength(0);
        }
    }

    /** Heap in use after full collections (the smallest of three). */
    static long retainedHeap() throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            min = Math.min(min, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    /** The live-object class histogram (jcmd GC.class_histogram, in process): class to {instances, bytes}. */
    static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> m = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(text);
        while (row.find()) m.put(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
        return m;
    }

    /** How much {@code type} grew: instances (column 0) or bytes (column 1). */
    static long grown(Map<String, long[]> before, Map<String, long[]> after, String type, int column) {
        return after.getOrDefault(type, new long[2])[column] - before.getOrDefault(type, new long[2])[column];
    }

    /** The classes that grew most, per connection (the diagnosis behind the figure). */
    static void printGrowth(Map<String, long[]> before, Map<String, long[]> after) {
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                        e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .filter(e -> e.getValue()[1] > 0)
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(25)
                .forEach(e -> System.out.printf("  %8.1f objects %8d bytes per connection  %s%n",
                        e.getValue()[0] / (double) N, e.getValue()[1] / N, e.getKey()));
    }
}
