package dev.surel.bench;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.NewMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 16: IMAP {@code UID SEARCH TEXT <word>} over a mailbox of {@code messages} messages
 * (default 100,000) through a real server and socket, with the full-text index
 * ({@code [search] full_text}, default on; {@code -p fullText=false} measures the scan). Each
 * message has a Subject and about 1.5 KB of body drawn from a 2,000-word vocabulary; "rare" is a
 * word in 10 messages, "common" one in about half of them. The setup appends the mailbox in
 * batches and waits until the index holds every message, so what is timed is a search, not the
 * catch-up. Sample mode: JMH reports p50/p90/p99 per SEARCH.
 * Run: {@code ./bench SearchText -f 1 -wi 1 -i 3} (setup takes minutes at 100,000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SearchTextBenchmark {

    static final String RARE = "zanzibarquux";
    static final String COMMON = "meeting";

    @Param({"100000"})
    int messages;

    @Param({"true"})
    boolean fullText;

    Path dir;
    SurelServer server;
    Socket socket;
    BufferedReader in;
    OutputStream out;
    int tag;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("surel-bench-search-");
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"bench.test\"\ndata_dir = \"data\"\n[listen]\nimap = \"127.0.0.1:0\"\n"
                + "[search]\nfull_text = " + fullText + "\n");
        server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC());
        var directory = server.services().directory();
        directory.addDomain("bench.test");
        long account = directory.addUser("u@bench.test", "pw".toCharArray()).id();
        var store = server.services().store();
        long inbox = store.mailbox(account, "INBOX").id();
        Random r = new Random(16);
        String[] vocabulary = new String[2000];
        for (int i = 0; i < vocabulary.length; i++) vocabulary[i] = word(r);
        List<NewMessage> batch = new ArrayList<>();
        for (int n = 1; n <= messages; n++) {
            StringBuilder b = new StringBuilder("From: a@bench.test\r\nTo: u@bench.test\r\nSubject: message ").append(n)
                    .append("\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n\r\n");
            for (int w = 0; b.length() < 1600; w++) {
                b.append(vocabulary[r.nextInt(vocabulary.length)]).append(w % 12 == 11 ? "\r\n" : " ");
            }
            if (n % 2 == 0) b.append(' ').append(COMMON);
            if (n % Math.max(1, messages / 10) == 0) b.append(' ').append(RARE);
            b.append("\r\n");
            batch.add(NewMessage.of(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.US_ASCII))));
            if (batch.size() == 500 || n == messages) {
                store.appendAll(account, inbox, batch);
                batch.clear();
            }
        }
        long last = store.mailbox(account, inbox).uidNext() - 1;
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        while (fullText && server.services().fullText().indexedUpTo(account, inbox) < last) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the index did not catch up");
            Thread.sleep(100);
        }
        socket = new Socket("127.0.0.1", server.boundAddresses().get(Endpoint.IMAP).getPort());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        in.readLine();
        command("LOGIN u@bench.test pw");
        command("SELECT INBOX");
        if (search(RARE) != 10 && messages >= 10) throw new IllegalStateException("rare word not found 10 times");
    }

    private static String word(Random r) {
        StringBuilder w = new StringBuilder();
        int n = 3 + r.nextInt(7);
        for (int i = 0; i < n; i++) w.append((char) ('a' + r.nextInt(26)));
        return w.toString();
    }

    /** Sends a command; returns the number of UIDs in its untagged SEARCH line (0 without one). */
    private int command(String line) throws IOException {
        String t = "b" + (++tag);
        out.write((t + " " + line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        int found = 0;
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            if (l.startsWith("* SEARCH")) found = l.split(" ").length - 2;
            if (l.startsWith(t + " ")) {
                if (!l.startsWith(t + " OK")) throw new IllegalStateException(l);
                return found;
            }
        }
        throw new IOException("connection closed");
    }

    private int search(String word) throws IOException {
        return command("UID SEARCH TEXT " + word);
    }

    @Benchmark
    public int searchTextRare() throws IOException {
        return search(RARE);
    }

    @Benchmark
    public int searchTextCommon() throws IOException {
        return search(COMMON);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (socket != null) socket.close();
        if (server != null) server.close();
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
