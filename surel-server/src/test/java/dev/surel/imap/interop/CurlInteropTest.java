package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code curl imap://} (libcurl's IMAP client, RFC 5092 URLs): LIST, FETCH by UID, a section, SEARCH. */
class CurlInteropTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    private static Tools.Result curl(String url, String... extra) throws Exception {
        Tools.require("curl", "curl");
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "30",
                "-u", ALICE + ":" + PASSWORD));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        return Tools.run(cmd, Map.of(), null, null, 60);
    }

    @Test
    void listFetchByUidSectionAndSearch() throws Exception {
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).start(dir)) {
            fx.store().createMailbox(fx.alice(), "Work/Reports", null);
            fx.deliver(fx.alice(), "INBOX", "Subject: first\nFrom: a@example.org\n\nhello from curl test\n");
            long uid2 = fx.deliver(fx.alice(), "INBOX", """
                    Subject: second
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: text/plain

                    part one text
                    --b
                    Content-Type: text/plain

                    part two text
                    --b--
                    """);
            String base = "imap://127.0.0.1:" + fx.port(Endpoint.IMAP) + "/";

            Tools.Result list = curl(base);
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("* LIST").contains("INBOX").contains("Work/Reports").contains("\"/\"");

            Tools.Result fetch = curl(base + "INBOX;UID=1");
            assertThat(fetch.exit()).as(fetch.toString()).isZero();
            assertThat(fetch.out()).isEqualTo("Subject: first\r\nFrom: a@example.org\r\n\r\nhello from curl test\r\n");

            Tools.Result section = curl(base + "INBOX;UID=" + uid2 + "/;SECTION=2");
            assertThat(section.exit()).as(section.toString()).isZero();
            assertThat(section.out()).isEqualTo("part two text");

            Tools.Result search = curl(base + "INBOX?SUBJECT%20second");
            assertThat(search.exit()).as(search.toString()).isZero();
            assertThat(search.out()).contains("* SEARCH " + uid2);

            Tools.Result examine = curl(base + "INBOX", "-X", "EXAMINE INBOX");
            assertThat(examine.exit()).as(examine.toString()).isZero();
            assertThat(examine.out()).contains("2 EXISTS").contains("UIDVALIDITY");
        }
    }
}
