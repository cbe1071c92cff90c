package dev.surel.imap.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code curl imap://} (libcurl's IMAP client, RFC 5092 URLs): LIST, FETCH by UID, a section, SEARCH. */
class CurlInteropTest {

    @TempDir Path dir;

    private static Tools.Result curl(String url, String... extra) throws Exception {
        Tools.require("curl", "curl");
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "30",
                "-u", ImapFixture.USER + ":" + ImapFixture.PASSWORD));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        return Tools.run(cmd, Map.of(), null, null, 60);
    }

    @Test
    void listFetchByUidSectionAndSearch() throws Exception {
        try (ImapFixture fx = ImapFixture.start(dir)) {
            fx.store().createMailbox(fx.account, "Work/Reports", null);
            fx.deliver("INBOX", "Subject: first\nFrom: a@example.org\n\nhello from curl test\n");
            long uid2 = fx.deliver("INBOX", """
                    Subject: second
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: text/plain

                    part one text
                    --b
                    Content-Type: text/plain

                    part two text
                    --b--
                    """).uid();
            String base = "imap://127.0.0.1:" + fx.port() + "/";

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
