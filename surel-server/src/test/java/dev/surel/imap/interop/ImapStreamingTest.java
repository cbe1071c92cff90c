package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream: {@code surel serve} in a child JVM with a 64 MB heap APPENDs a 50 MB message
 * (one synchronizing literal) and FETCHes it back (BODY.PEEK[] and a partial), byte-identical,
 * and is still alive afterwards.
 */
class ImapStreamingTest {
    static final String PASSWORD = "correct horse battery";

    static final long SIZE = 50L * 1024 * 1024;

    @TempDir Path dir;

    @Test
    void appendAndFetchFiftyMegabytesUnderSixtyFourMegabytesOfHeap() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [listen]
                imap = "127.0.0.1:0"
                """);
        Path data = dir.resolve("data");
        Tools.Result r = Tools.surel(null, "--config", cfg.toString(), "domain", "add", "example.test");
        assertThat(r.exit()).as(r.toString()).isZero();
        r = Tools.surel((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8),
                "--config", cfg.toString(), "user", "add", ALICE);
        assertThat(r.exit()).as(r.toString()).isZero();

        Path log = dir.resolve("serve.log");
        Process server = new ProcessBuilder(Tools.java(List.of("-Xmx64m"), "dev.surel.cli.Main", "serve", "--config", cfg.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = waitForPort(server, data, log);
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            try (RawImap c = new RawImap(port)) {
                assertThat(c.line()).startsWith("* OK");
                assertThat(c.command("LOGIN \"" + ALICE + "\" \"" + PASSWORD + "\"").getLast()).contains("OK");
                String t = c.nextTag();
                long t0 = System.nanoTime();
                c.send(t + " APPEND INBOX {" + SIZE + "}\r\n");
                assertThat(c.line()).startsWith("+");
                writeMessage(c.out(), sent);
                c.send("\r\n");
                List<String> appended = c.readUntil(t, s -> { });
                assertThat(appended.getLast()).as(String.join("\n", appended)).startsWith(t + " OK");

                long t1 = System.nanoTime();
                assertThat(c.command("SELECT INBOX").getLast()).contains("OK");
                MessageDigest got = MessageDigest.getInstance("SHA-256");
                AtomicLong n = new AtomicLong();
                List<String> fetched = c.command("UID FETCH 1 (RFC822.SIZE BODY.PEEK[])", in -> {
                    try {
                        byte[] buf = new byte[1 << 16];
                        int k;
                        while ((k = in.read(buf)) > 0) {
                            got.update(buf, 0, k);
                            n.addAndGet(k);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                System.out.printf("50 MB under -Xmx64m: APPEND %.1f s, FETCH %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
                assertThat(fetched.getLast()).startsWith("a").contains("OK");
                assertThat(String.join("\n", fetched)).contains("RFC822.SIZE " + SIZE);
                assertThat(n.get()).isEqualTo(SIZE);
                assertThat(HexFormat.of().formatHex(got.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));

                AtomicReference<String> part = new AtomicReference<>();
                c.command("UID FETCH 1 (BODY.PEEK[TEXT]<1000.20>)", in -> {
                    try {
                        part.set(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThat(part.get()).hasSize(20);
                c.command("LOGOUT");
            }
            assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        } finally {
            server.destroy();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    /** A header, then 76-character lines with CRLF up to exactly {@link #SIZE} octets. */
    private static void writeMessage(OutputStream out, MessageDigest digest) throws IOException {
        byte[] header = "From: big@example.org\r\nSubject: fifty megabytes\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[1 << 16];
        long written = 0;
        System.arraycopy(header, 0, buf, 0, header.length);
        int fill = header.length;
        long line = 0;
        while (written < SIZE) {
            while (fill < buf.length && written + fill < SIZE) {
                int pos = (int) ((written + fill - header.length) % 78);
                byte b = pos == 76 ? (byte) '\r' : pos == 77 ? (byte) '\n' : (byte) ('A' + (line++ % 26));
                buf[fill++] = b;
            }
            out.write(buf, 0, fill);
            digest.update(buf, 0, fill);
            written += fill;
            fill = 0;
        }
        out.flush();
    }

    private static int waitForPort(Process p, Path data, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Path ports = data.resolve("ports");
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("serve exited:\n" + Files.readString(log));
            }
            if (Files.exists(ports)) {
                for (String l : Files.readAllLines(ports)) {
                    String[] f = l.trim().split("\\s+");
                    if (f.length == 2 && f[0].equals("imap")) {
                        return Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1));
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no ports file in 90 s:\n" + Files.readString(log));
    }
}
