package dev.surel.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.HostPort;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClamdClient} against a real clamd from Debian ({@link ClamdDaemon}), over TCP and a unix socket, and against peers that fail. */
class ClamdClientTest {

    @TempDir
    static Path dir;
    static ClamdDaemon clamd;

    @BeforeAll
    static void start() throws Exception {
        clamd = ClamdDaemon.start(dir, "1M");
    }

    @AfterAll
    static void stop() throws Exception {
        if (clamd != null) clamd.close();
    }

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String mailWithAttachment(byte[] attachment) {
        return "From: a@example.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"file.com\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b--\r\n";
    }

    static ClamdClient tcp(String address, Duration timeout) {
        return new ClamdClient(ScannerAddress.parse(address), Duration.ofSeconds(2), timeout);
    }

    @Test
    void eicarIsFoundOverTcpAndTheUnixSocket() {
        for (ClamdClient c : List.of(tcp(clamd.tcp(), Duration.ofSeconds(30)),
                new ClamdClient(new ScannerAddress.Unix(clamd.socket()), Duration.ofSeconds(2), Duration.ofSeconds(30)))) {
            assertThat(c.scan(bytes("Subject: x\r\n\r\n" + ClamdDaemon.EICAR + "\r\n"))).isEqualTo(new ScanResult.Infected(ClamdDaemon.SIGNATURE));
            assertThat(c.scan(bytes(mailWithAttachment(ClamdDaemon.EICAR.getBytes(StandardCharsets.US_ASCII)))))
                    .as("base64 attachment, decoded by clamd's mail parser").isEqualTo(new ScanResult.Infected(ClamdDaemon.SIGNATURE));
            assertThat(c.scan(bytes(mailWithAttachment("harmless".getBytes(StandardCharsets.US_ASCII))))).isEqualTo(new ScanResult.Clean());
        }
    }

    @Test
    void aMessageOverClamdsStreamLimitIsTooBig() {
        String big = "Subject: big\r\n\r\n" + ("x".repeat(998) + "\r\n").repeat(2000); // 2 MB > StreamMaxLength 1M
        // repeated: clamd closes its end at the limit, and whether our next write or our read sees that first is timing
        for (int i = 0; i < 20; i++) {
            assertThat(tcp(clamd.tcp(), Duration.ofSeconds(30)).scan(bytes(big))).as("attempt " + i).isEqualTo(new ScanResult.TooBig());
        }
    }

    @Test
    void manyChunksStreamed() {
        String body = ("y".repeat(998) + "\r\n").repeat(300) + ClamdDaemon.EICAR + "\r\n"; // past several 64 KiB chunks
        assertThat(tcp(clamd.tcp(), Duration.ofSeconds(30)).scan(bytes("Subject: x\r\n\r\n" + body)))
                .isEqualTo(new ScanResult.Infected(ClamdDaemon.SIGNATURE));
    }

    @Test
    void downIsAFailure() throws Exception {
        int port = ClamdDaemon.freePort(); // nothing listens there
        assertThat(tcp("127.0.0.1:" + port, Duration.ofSeconds(5)).scan(bytes("x"))).isInstanceOf(ScanResult.Failed.class);
        assertThat(new ClamdClient(new ScannerAddress.Unix(dir.resolve("none.sock")), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .scan(bytes("x"))).isInstanceOf(ScanResult.Failed.class);
    }

    @Test
    @Timeout(60) // a broken deadline would block the read for ever
    void aSilentScannerTimesOut() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) held.add(silent.accept()); // accepts, reads nothing, answers nothing
                } catch (Exception ignored) {
                    // closed
                }
            });
            long t0 = System.nanoTime();
            ScanResult r = new ClamdClient(new ScannerAddress.Tcp(new HostPort("127.0.0.1", silent.getLocalPort())), Duration.ofSeconds(2),
                    Duration.ofMillis(800)).scan(bytes("Subject: x\r\n\r\nbody\r\n"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r).isInstanceOf(ScanResult.Failed.class);
            assertThat(((ScanResult.Failed) r).reason()).contains("no answer within");
            assertThat(ms).isBetween(700L, 10_000L);
        } finally {
            for (Socket s : held) s.close();
        }
    }

    @Test
    void aScannerAnsweringNonsenseIsAFailure() throws Exception {
        try (ServerSocket odd = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = odd.accept()) {
                    s.getOutputStream().write("UNKNOWN COMMAND\0".getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().readAllBytes();
                } catch (Exception ignored) {
                    // the client closed
                }
            });
            assertThat(tcp("127.0.0.1:" + odd.getLocalPort(), Duration.ofSeconds(5)).scan(bytes("x")))
                    .isEqualTo(new ScanResult.Failed("clamd: UNKNOWN COMMAND"));
        }
    }
}
