package dev.surel.imap;

import java.io.IOException;

/**
 * CHECK (RFC 3501 §6.4.1): a checkpoint of the selected mailbox. Every change is committed when
 * it is made, so there is nothing to write: CHECK is a NOOP ({@link NoopCmd}, whose answer it
 * gives), a point where pending updates are written. IMAP4rev2 removed CHECK ("clients should
 * use NOOP instead", RFC 9051 Appendix E); it stays accepted in the selected state for
 * IMAP4rev1 clients and those that send it anyway.
 */
final class CheckCmd {
    private CheckCmd() { }

    // RFC 3501 §6.4.1
    static void run(ImapSession s, String tag) throws IOException {
        NoopCmd.run(s, tag);
    }
}
