package dev.surel.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.filter.AuthOutcome;
import dev.surel.protocol.filter.Gtube;
import dev.surel.store.SpooledMessage;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a {@link FilterRun} composes rspamd's answer with its own rules, against an HTTP peer on a
 * real socket that answers as rspamd would (the real rspamd is in SmtpRspamdTest): symbols replace
 * the header rules, GTUBE is kept, {@code RSPAMD_OTHER} makes up the difference to rspamd's score,
 * at most 50 symbols are listed, and a refusal's reason stays short enough for a reply line.
 */
@Timeout(60)
class FilterRunTest {

    @TempDir
    Path dir;

    /** Serves one /checkv2 request with {@code json}. */
    static ServerSocket rspamd(String json) throws Exception {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                StringBuilder req = new StringBuilder();
                byte[] buf = new byte[8192];
                int n;
                while (!req.toString().contains("\r\n\r\n") && (n = in.read(buf)) > 0) req.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                // the body's Content-Length: read it all before answering
                String head = req.substring(0, req.indexOf("\r\n\r\n"));
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                int have = req.length() - head.length() - 4;
                while (have < length && (n = in.read(buf)) > 0) have += n;
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body);
                s.getOutputStream().flush();
            } catch (Exception ignored) {
                // the client gave up
            }
        });
        return server;
    }

    FilterVerdict run(TestStore t, ServerSocket peer, String message) {
        FilterSettings d = FilterSettings.defaults();
        FilterSettings s = new FilterSettings(true, d.junkScore(), d.rejectScore(), List.of(), d.dnsblScore(), null,
                URI.create("http://127.0.0.1:" + peer.getLocalPort()), FilterSettings.OnFailure.TEMPFAIL, Duration.ofSeconds(2),
                Duration.ofSeconds(10), d.scanLimit(), d.gtubeBytes());
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        FilterRun r = SpamFilter.over(s, t.services().dns()).start(InetAddress.getLoopbackAddress(), "h", "a@b.example", List.of("c@d.example"), "Q");
        r.write(b, 0, b.length);
        try (SpooledMessage blob = t.store().spool(new ByteArrayInputStream(b))) {
            return r.finish(AuthOutcome.UNCHECKED, blob);
        }
    }

    @Test
    void rspamdsSymbolsReplaceOursAndGtubeStays() throws Exception {
        try (TestStore t = TestServer.setup().open(dir);
             ServerSocket peer = rspamd("{\"score\":4.0,\"required_score\":15,\"action\":\"no action\",\"symbols\":{"
                     + "\"A\":{\"score\":1.0},\"B\":{\"score\":2.5},\"Z\":{\"score\":0}}}")) {
            // no Date, no Message-ID: our own rules would say MISSING_DATE, MISSING_MID
            FilterVerdict v = run(t, peer, "Subject: x\r\n\r\n" + Gtube.STRING + "\r\n");
            assertThat(v.fields()).isEqualTo("X-Spam-Score: 1004.0\r\nX-Spam-Status: Yes, score=1004.0 required=5.0 tests=GTUBE,B,A,RSPAMD_OTHER\r\n");
            assertThat(v.disposition()).isEqualTo(FilterVerdict.Disposition.REJECT_SPAM);
        }
    }

    @Test
    void manySymbolsAreCutAndTheReasonStaysShort() throws Exception {
        StringBuilder json = new StringBuilder("{\"score\":30.0,\"action\":\"add header\",\"symbols\":{");
        for (int i = 0; i < 60; i++) json.append(i == 0 ? "" : ",").append("\"SOME_RSPAMD_SYMBOL_").append(i).append("\":{\"score\":0.5}");
        json.append("}}");
        try (TestStore t = TestServer.setup().open(dir); ServerSocket peer = rspamd(json.toString())) {
            FilterVerdict v = run(t, peer, "Subject: x\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <a@b>\r\nFrom: a@b.example\r\n\r\nhi\r\n");
            assertThat(v.disposition()).isEqualTo(FilterVerdict.Disposition.REJECT_SPAM);
            assertThat(v.reason()).hasSizeLessThan(300).startsWith("spam, score 30.0 (SOME_RSPAMD_SYMBOL_").endsWith(",...)");
            String status = v.fields().replace("\r\n\t", "");
            assertThat(status).contains("SOME_RSPAMD_SYMBOL_49").doesNotContain("SOME_RSPAMD_SYMBOL_50").contains("RSPAMD_OTHER");
        }
    }

    @Test
    void rspamdsActionsRejectAndSoftReject() throws Exception {
        String ok = "Subject: x\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <a@b>\r\nFrom: a@b.example\r\n\r\nhi\r\n";
        try (TestStore t = TestServer.setup().open(dir)) {
            try (ServerSocket peer = rspamd("{\"score\":1.0,\"action\":\"soft reject\",\"symbols\":{}}")) {
                assertThat(run(t, peer, ok)).isEqualTo(new FilterVerdict(FilterVerdict.Disposition.DEFER, "", "rspamd asks to try again later"));
            }
            try (ServerSocket peer = rspamd("{\"score\":1.0,\"action\":\"reject\",\"symbols\":{}}")) {
                assertThat(run(t, peer, ok)).isEqualTo(new FilterVerdict(FilterVerdict.Disposition.REJECT_SPAM, "", "spam (rspamd score 1.0)"));
            }
            try (ServerSocket peer = rspamd("{\"score\":1.0,\"action\":\"greylist\",\"symbols\":{}}")) {
                assertThat(run(t, peer, ok).disposition()).as("greylisting is not ours to do").isEqualTo(FilterVerdict.Disposition.ACCEPT);
            }
        }
    }
}
