package dev.surel.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RspamdClient} against peers that misbehave, over real sockets (the real rspamd is in
 * SmtpRspamdTest): no answer, an answer that stalls after its headers, HTTP 500, bad JSON, an
 * endless answer. Each is a {@link RspamdClient.Outcome.Failed} within the time limit.
 */
@Timeout(60) // a missing time limit would hang a test, not fail it
class RspamdClientTest {

    static final byte[] MESSAGE = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    static final Supplier<InputStream> BODY = () -> new ByteArrayInputStream(MESSAGE);
    static final RspamdClient.Envelope ENV = new RspamdClient.Envelope("192.0.2.1", "helo\r\nInjected: x", "a@b.example",
            List.of("c@d.example"), "Q1");

    /** A peer that reads the request and then does {@code answer} with the socket. */
    interface Peer {
        void answer(Socket s) throws Exception;
    }

    static RspamdClient.Outcome ask(Peer peer, Duration timeout) throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    Socket s = server.accept();
                    held.add(s);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    int n = in.read(buf); // the request (small: one read is enough on loopback)
                    if (n > 0) peer.answer(s);
                } catch (Exception ignored) {
                    // the client gave up
                }
            });
            return new RspamdClient(URI.create("http://127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(2), timeout)
                    .check(BODY, MESSAGE.length, ENV);
        } finally {
            for (Socket s : held) s.close();
        }
    }

    static void write(Socket s, String text) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void noAnswerTimesOut() throws Exception {
        long t0 = System.nanoTime();
        RspamdClient.Outcome o = ask(s -> Thread.sleep(30_000), Duration.ofMillis(800));
        assertThat(o).isInstanceOf(RspamdClient.Outcome.Failed.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(700L, 10_000L);
    }

    @Test
    void anAnswerThatStallsAfterItsHeadersTimesOut() throws Exception {
        long t0 = System.nanoTime();
        RspamdClient.Outcome o = ask(s -> {
            write(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"score\":");
            Thread.sleep(30_000);
        }, Duration.ofMillis(800));
        assertThat(o).isInstanceOf(RspamdClient.Outcome.Failed.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(700L, 10_000L);
    }

    @Test
    void errorsAndNonsenseAreFailures() throws Exception {
        RspamdClient.Outcome o = ask(s -> write(s, "HTTP/1.1 500 Internal\r\nContent-Length: 2\r\n\r\n{}"), Duration.ofSeconds(5));
        assertThat(o).isInstanceOf(RspamdClient.Outcome.Failed.class);
        assertThat(((RspamdClient.Outcome.Failed) o).reason()).endsWith("/checkv2: HTTP 500");
        assertThat(ask(s -> write(s, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nnotjson"), Duration.ofSeconds(5)))
                .isInstanceOf(RspamdClient.Outcome.Failed.class);
        assertThat(ask(s -> write(s, "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n{\"score\":1.0}" + " ".repeat(7)), Duration.ofSeconds(5)))
                .isInstanceOf(RspamdClient.Outcome.Answer.class);
    }

    @Test
    void anEndlessAnswerIsCutAndRefused() throws Exception {
        RspamdClient.Outcome o = ask(s -> {
            write(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"score\":1.0,\"x\":\"");
            byte[] chunk = "a".repeat(65536).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 100; i++) s.getOutputStream().write(chunk); // 6.5 MB, more than the client reads
        }, Duration.ofSeconds(20));
        assertThat(o).isInstanceOf(RspamdClient.Outcome.Failed.class);
    }

    @Test
    void theRequestCarriesTheEnvelopeSafely() throws Exception {
        StringBuilder seen = new StringBuilder();
        RspamdClient.Outcome o;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (seen) {
                            seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                            if (seen.toString().endsWith("body\r\n")) break;
                        }
                    }
                    write(s, "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{\"score\":2.5}");
                } catch (Exception ignored) {
                    // the client gave up
                }
            });
            o = new RspamdClient(URI.create("http://127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(2), Duration.ofSeconds(5))
                    .check(BODY, MESSAGE.length, ENV);
        }
        assertThat(o).isInstanceOf(RspamdClient.Outcome.Answer.class);
        String req;
        synchronized (seen) {
            req = seen.toString();
        }
        assertThat(req).startsWith("POST /checkv2 HTTP/1.1\r\n").containsIgnoringCase("\r\nIP: 192.0.2.1\r\n")
                .containsIgnoringCase("\r\nHelo: helo??Injected: x\r\n").containsIgnoringCase("\r\nFrom: a@b.example\r\n")
                .containsIgnoringCase("\r\nRcpt: c@d.example\r\n").containsIgnoringCase("\r\nQueue-Id: Q1\r\n")
                .containsIgnoringCase("\r\nContent-Length: " + MESSAGE.length + "\r\n").endsWith("\r\n\r\nSubject: x\r\n\r\nbody\r\n")
                .doesNotContain("\r\nInjected:");
    }
}
