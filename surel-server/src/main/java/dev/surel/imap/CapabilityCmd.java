package dev.surel.imap;

import java.io.IOException;

/** CAPABILITY (RFC 9051 §6.1.1): the list depends on the state and on TLS / clear-text policy. */
final class CapabilityCmd {
    private CapabilityCmd() { }

    // RFC 9051 §6.1.1
    static void run(ImapSession s, String tag) throws IOException {
        s.out().untagged("CAPABILITY " + s.capabilities());
        s.ok(tag, "CAPABILITY completed");
    }
}
