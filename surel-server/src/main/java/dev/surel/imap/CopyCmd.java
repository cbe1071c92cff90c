package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.store.CopyResult;
import java.io.IOException;

/**
 * COPY / UID COPY (RFC 9051 §6.4.7) with COPYUID (RFC 4315 §3); what it shares with MOVE is in
 * {@link CopyAndMove}. The target may be the selected mailbox itself: the copies get new UIDs
 * and arrive as EXISTS at the completion, like any other new message.
 */
final class CopyCmd {
    private CopyCmd() { }

    // RFC 9051 §6.4.7, RFC 4315 §3
    static void run(ImapSession s, String tag, ImapCommand.Copy c) throws IOException {
        CopyAndMove.Request req = CopyAndMove.request(s, tag, c.uid(), c.set(), c.mailbox(), false);
        if (req == null) return;
        CopyResult r = s.store().copy(s.account(), req.sourceMailbox(), req.uids(), req.target().id());
        String code = CopyAndMove.copyUid(s, tag, r);
        if (code != null) s.ok(tag, code, "COPY completed");
    }
}
