package dev.surel.imap;

import java.io.IOException;

/** NAMESPACE (RFC 2342, RFC 9051 §6.3.10): one personal namespace, "" with delimiter "/". */
final class NamespaceCmd {
    private NamespaceCmd() { }

    // RFC 9051 §6.3.10
    static void run(ImapSession s, String tag) throws IOException {
        s.out().untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        s.ok(tag, "NAMESPACE completed");
    }
}
