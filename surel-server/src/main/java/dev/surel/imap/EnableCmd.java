package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ENABLE (RFC 5161, RFC 9051 §6.3.1): IMAP4rev2 switches this session to RFC 9051 behaviour
 * (UTF-8 mailbox names, no \Recent, ESEARCH responses to SEARCH); UTF8=ACCEPT (RFC 6855 §3)
 * to UTF-8 mailbox names, UTF-8 header text in ENVELOPE and APPEND UTF8. Unknown capabilities are
 * ignored, as RFC 5161 §3.1 requires.
 * CONDSTORE and QRESYNC (which implies CONDSTORE) as RFC 7162 §3.1, §3.2.3.
 */
final class EnableCmd {
    private EnableCmd() { }

    // RFC 5161 §3.1, RFC 9051 §6.3.1
    static void run(ImapSession s, String tag, ImapCommand.Enable c) throws IOException {
        List<String> enabled = new ArrayList<>();
        for (String cap : c.capabilities()) {
            if (cap.equals("IMAP4REV2") && !s.rev2()) {
                s.enableRev2();
                enabled.add("IMAP4rev2");
            }
            if (cap.equals("UTF8=ACCEPT") && !s.utf8Accept()) { // RFC 6855 §3
                s.enableUtf8Accept();
                enabled.add("UTF8=ACCEPT");
            }
            // listed whenever asked: a CONDSTORE-enabling command may have switched it on unnoticed
            if (cap.equals("CONDSTORE") && !enabled.contains("CONDSTORE")) {
                s.enableCondstore();
                enabled.add("CONDSTORE");
            }
            if (cap.equals("QRESYNC") && !enabled.contains("QRESYNC")) {
                s.enableQresync();
                enabled.add("QRESYNC");
            }
        }
        s.out().untagged("ENABLED" + (enabled.isEmpty() ? "" : " " + String.join(" ", enabled)));
        s.ok(tag, "ENABLE completed");
    }
}
