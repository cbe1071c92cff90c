package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.store.CopyResult;
import java.io.IOException;

/**
 * MOVE / UID MOVE (RFC 6851, RFC 9051 §6.4.8): a COPY and an expunge of the sources in one
 * store transaction; what it shares with COPY is in {@link CopyAndMove}. A read-only source is
 * NO [READ-ONLY]. The COPYUID goes in an untagged OK before the EXPUNGEs (VANISHED once QRESYNC
 * is on) of the moved messages (RFC 6851 §4.3, RFC 7162 §3.2.10). The target may be the
 * selected mailbox itself: the moved messages get new UIDs and arrive as EXISTS.
 */
final class MoveCmd {
    private MoveCmd() { }

    // RFC 9051 §6.4.8, RFC 6851 §3, §4.3
    static void run(ImapSession s, String tag, ImapCommand.Move c) throws IOException {
        CopyAndMove.Request req = CopyAndMove.request(s, tag, c.uid(), c.set(), c.mailbox(), true);
        if (req == null) return;
        CopyResult r = s.store().move(s.account(), req.sourceMailbox(), req.uids(), req.target().id());
        String code = CopyAndMove.copyUid(s, tag, r);
        if (code == null) return;
        s.out().status("*", "OK", code, "Moved");
        s.announceExpunged(r.mapping().stream().map(CopyResult.UidPair::sourceUid).toList());
        s.ok(tag, "MOVE completed");
        CopyCmd.bayes(s, req, r, true);
    }
}
