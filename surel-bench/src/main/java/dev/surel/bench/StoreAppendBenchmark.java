package dev.surel.bench;

import dev.surel.store.NewMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable appends of distinct messages to one INBOX: each call writes a blob (fsync, rename,
 * directory fsync) and commits a synced SQLite transaction before it returns. This is the
 * floor of delivery speed before group commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreAppendBenchmark {

    @Param({"4096"})
    int size;

    BenchServices env;
    long account;
    long inbox;
    byte[] body;
    final java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        env = new BenchServices("");
        env.services.directory().addDomain("bench.test");
        account = env.services.directory().addUser("u@bench.test", "pw".toCharArray()).id();
        inbox = env.services.store().mailbox(account, "INBOX").id();
        StringBuilder b = new StringBuilder("From: a@bench.test\r\nTo: u@bench.test\r\nSubject: bench\r\n\r\n");
        while (b.length() < size) b.append("The quick brown fox jumps over the lazy dog 0123456789.\r\n");
        body = b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        env.close();
    }

    private long appendOne() {
        byte[] m = body.clone();
        long n = seq.incrementAndGet();
        for (int i = 0; i < 8; i++) m[m.length - 3 - i] = (byte) ('0' + (n >>> (i * 3) & 7)); // distinct content, no dedup
        return env.services.store().append(account, inbox, NewMessage.of(new ByteArrayInputStream(m))).uid();
    }

    @Benchmark
    @Threads(1)
    public long append1Thread() {
        return appendOne();
    }

    @Benchmark
    @Threads(4)
    public long append4Threads() {
        return appendOne();
    }
}
