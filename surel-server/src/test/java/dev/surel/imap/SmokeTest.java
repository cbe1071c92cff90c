package dev.surel.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir Path dir;

    @Test
    void basic() throws Exception {
        try (ImapTestServer srv = ImapTestServer.start(dir); ImapClient c = srv.login("alice")) {
            srv.deliver(srv.alice, "INBOX", ImapTestServer.message("hello", "body text"));
            System.out.println(c.command("SELECT INBOX"));
            System.out.println(c.command("FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (Subject)] BODY[TEXT])"));
            System.out.println(c.command("LIST \"\" *"));
            System.out.println(c.command("SEARCH SUBJECT hello"));
            assertThat(c.command("LOGOUT").getFirst()).startsWith("* BYE");
        }
    }
}
