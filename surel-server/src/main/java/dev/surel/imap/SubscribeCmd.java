package dev.surel.imap;

import java.io.IOException;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 9051 §6.3.7, §6.3.8): a name need not exist to be subscribed. */
final class SubscribeCmd {
    private SubscribeCmd() { }

    // RFC 9051 §6.3.7 / §6.3.8
    static void run(ImapSession s, String tag, String mailbox, boolean subscribe) throws IOException {
        String name = s.decodeName(mailbox);
        if (subscribe) {
            s.store().subscribe(s.account(), name);
            s.ok(tag, "SUBSCRIBE completed");
        } else {
            s.store().unsubscribe(s.account(), name);
            s.ok(tag, "UNSUBSCRIBE completed");
        }
    }
}
