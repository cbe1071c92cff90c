package dev.surel.bench;

import dev.surel.filter.FilterRun;
import dev.surel.filter.FilterSettings;
import dev.surel.filter.FilterVerdict;
import dev.surel.filter.SpamFilter;
import dev.surel.protocol.filter.AuthOutcome;
import dev.surel.store.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The spam filter chain of port 25 without external scanners (issue 15: under 2 ms per message,
 * median): a 100 KB message streamed through a {@link FilterRun} in 8 KiB writes and decided, with
 * the default {@code [filter]} settings (header rules, GTUBE in the first 64 KiB of the body; no
 * blocklist, so no DNS; no clamd, no rspamd). Time per message, sampled (median and percentiles).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FilterChainBenchmark {

    BenchServices bench;
    byte[] message;
    SpamFilter filter;
    SpooledMessage blob;
    InetAddress client;
    long n;

    @Setup
    public void setUp() throws IOException {
        bench = new BenchServices("");
        StringBuilder b = new StringBuilder("From: Carol <carol@example.org>\r\nTo: alice@example.test\r\nSubject: A report\r\n"
                + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <r@example.org>\r\n\r\n");
        while (b.length() < 100_000) b.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n");
        message = b.toString().getBytes(StandardCharsets.US_ASCII);
        filter = SpamFilter.over(FilterSettings.defaults(), bench.services.dns());
        blob = bench.services.store().spool(new ByteArrayInputStream(message));
        client = InetAddress.getByName("192.0.2.1");
    }

    @TearDown
    public void tearDown() throws IOException {
        blob.close();
        bench.close();
    }

    @Benchmark
    public FilterVerdict scoreOneMessage() {
        FilterRun run = filter.start(client, "client.example.org", "carol@example.org", List.of("alice@example.test"), "Q" + n++);
        for (int off = 0; off < message.length; off += 8192) run.write(message, off, Math.min(8192, message.length - off));
        FilterVerdict v = run.finish(AuthOutcome.UNCHECKED, blob);
        if (v.disposition() != FilterVerdict.Disposition.ACCEPT) throw new IllegalStateException("not accepted: " + v);
        return v;
    }
}
