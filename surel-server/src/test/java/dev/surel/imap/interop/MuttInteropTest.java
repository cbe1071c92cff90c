package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mutt} reading over IMAP (plain, loopback; Debian's mutt needs {@code ssl_force_tls=no
 * ssl_starttls=no}) and over implicit TLS with the self-signed certificate trusted, under
 * {@code script} for a terminal: it opens INBOX, pipes the first message decoded to a file and quits.
 */
class MuttInteropTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    @Test
    void muttReadsAMessage() throws Exception {
        readWithMutt(false);
    }

    /** Over implicit TLS (imaps), trusting the server's self-signed certificate through {@code certificate_file}. */
    @Test
    void muttReadsAMessageOverTls() throws Exception {
        readWithMutt(true);
    }

    private void readWithMutt(boolean tls) throws Exception {
        Tools.require("mutt", "mutt");
        Tools.require("script", "bsdutils");
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).start(dir)) {
            fx.deliver(fx.alice(), "INBOX", """
                    From: Bob <bob@example.org>
                    To: alice@example.test
                    Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from mutt
                    Content-Type: text/plain; charset=utf-8
                    Content-Transfer-Encoding: quoted-printable

                    The body that mutt must show: caf=C3=A9.
                    """);
            Path out = dir.resolve("piped.txt");
            Path certs = dir.resolve("certificates");
            Files.copy(dir.resolve("data/tls/selfsigned.crt"), certs);
            String url = tls ? "imaps://127.0.0.1:" + fx.port(Endpoint.IMAPS) + "/" : "imap://127.0.0.1:" + fx.port(Endpoint.IMAP) + "/";
            Path rc = dir.resolve("muttrc");
            Files.writeString(rc, """
                    set imap_user="%s"
                    set imap_pass="%s"
                    set folder="%s"
                    set spoolfile="+INBOX"
                    set ssl_force_tls=%s
                    set ssl_starttls=no
                    set certificate_file="%s"
                    set quit=yes
                    set move=no
                    set wait_key=no
                    set pipe_decode=yes
                    set charset="utf-8"
                    set header_cache=""
                    set message_cachedir=""
                    set imap_check_subscribed=no
                    push "<pipe-message>cat > %s<enter><quit>"
                    """.formatted(ALICE, PASSWORD, url, tls ? "yes" : "no", certs, out));
            String cmd = "mutt -n -F " + rc;
            Tools.Result r = Tools.run(List.of("timeout", "60", "script", "-qec", cmd, "/dev/null"),
                    Map.of("TERM", "xterm", "HOME", dir.toString(), "LANG", "C.UTF-8"), null, dir, 90);
            assertThat(out).as("mutt piped the message; mutt said:\n" + r).exists();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(text).contains("Subject: Grüße from mutt").contains("The body that mutt must show: café.");
        }
    }
}
