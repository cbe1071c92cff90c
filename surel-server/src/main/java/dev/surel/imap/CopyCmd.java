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

    /** After the reply: copies into Junk train the user's Bayes classifier as spam; a MOVE out of Junk as ham ({@link dev.surel.filter.BayesTraining}). */
    static void bayes(ImapSession s, CopyAndMove.Request req, CopyResult r, boolean move) {
        s.context().bayes().transferred(s.account(), req.sourceMailbox(), req.target().id(),
                r.mapping().stream().map(CopyResult.UidPair::targetUid).toList(), move);
    }

    // RFC 9051 §6.4.7, RFC 4315 §3
    static void run(ImapSession s, String tag, ImapCommand.Copy c) throws IOException {
        CopyAndMove.Request req = CopyAndMove.request(s, tag, c.uid(), c.set(), c.mailbox(), false);
        if (req == null) return;
        CopyResult r = s.store().copy(s.account(), req.sourceMailbox(), req.uids(), req.target().id());
        String code = CopyAndMove.copyUid(s, tag, r);
        if (code == null) return;
        s.ok(tag, code, "COPY completed");
        bayes(s, req, r, false);
    }
}
