package dev.surel.imap.interop;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTranscriptTest {
    @TempDir Path dir;

    @Test
    void run() throws Exception {
        try (ImapFixture fx = ImapFixture.start(dir)) {
            fx.deliver("INBOX", "Subject: one\n\n1\n");
            fx.deliver("INBOX", "Subject: two\n\n2\n");
            try (RawImap c = new RawImap(fx.port())) {
                System.out.println(c.line());
                String[] cmds = System.getProperty("cmds", "CAPABILITY").split(";;");
                for (String cmd : cmds) {
                    System.out.println("C: " + cmd);
                    for (String l : c.command(cmd, in -> {
                        try { System.out.println("<literal>" + new String(in.readAllBytes())); } catch (Exception e) { throw new RuntimeException(e); }
                    })) System.out.println("S: " + l);
                }
            }
        }
    }
}
