package dev.surel.pop3;

import dev.surel.maildrop.LeavePolicy;
import dev.surel.maildrop.Maildrop;
import dev.surel.maildrop.Pop3Rows;
import dev.surel.protocol.pop3.Pop3Reply;
import dev.surel.protocol.pop3.ResponseCode;
import dev.surel.store.SeenAndExpunge;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 1939 §4 and §6 QUIT. In AUTHORIZATION: goodbye, nothing changes. In TRANSACTION: the
 * UPDATE state, which commits in one store transaction ({@code MailStore.markSeenAndExpunge}):
 * <ul>
 *   <li>RETRieved messages get {@code \Seen} and their first download recorded (a TOP that
 *       sent the whole message records the download only);</li>
 *   <li>DELEted messages are expunged (policies delete and keep:N) or hidden from later POP3
 *       sessions (hide; IMAP keeps them).</li>
 * </ul>
 * Messages expunged meanwhile (over IMAP) are skipped. A failed commit answers
 * {@code -ERR [SYS/TEMP]} and leaves everything as it was.
 */
final class QuitCmd {
    private static final Logger log = LoggerFactory.getLogger(QuitCmd.class);

    private QuitCmd() {
    }

    static void run(Pop3Session s) throws IOException {
        if (s.state == Pop3Session.State.AUTHORIZATION) {
            s.state = Pop3Session.State.UPDATE;
            s.reply(Pop3Reply.ok("Surel POP3 server signing off"));
            return;
        }
        s.state = Pop3Session.State.UPDATE;
        Maildrop md = s.maildrop;
        boolean hide = s.policy instanceof LeavePolicy.Hide;
        List<Pop3Rows.MessageKey> deleted = md.deletedKeys();
        Map<Long, List<Long>> seen = new LinkedHashMap<>();
        Map<Long, List<Long>> expunge = new LinkedHashMap<>();
        for (Pop3Rows.MessageKey k : md.retrievedNotSeenKeys()) seen.computeIfAbsent(k.mailboxId(), x -> new ArrayList<>()).add(k.uid());
        if (!hide) {
            for (Pop3Rows.MessageKey k : deleted) expunge.computeIfAbsent(k.mailboxId(), x -> new ArrayList<>()).add(k.uid());
        }
        List<SeenAndExpunge> changes = new ArrayList<>();
        java.util.Set<Long> boxes = new java.util.LinkedHashSet<>(seen.keySet());
        boxes.addAll(expunge.keySet());
        for (long mb : boxes) changes.add(new SeenAndExpunge(mb, seen.getOrDefault(mb, List.of()), expunge.getOrDefault(mb, List.of())));
        List<Pop3Rows.MessageKey> firstDownloads = md.firstDownloadKeys();
        List<Pop3Rows.MessageKey> hidden = hide ? deleted : List.of();
        if (!changes.isEmpty() || !hidden.isEmpty() || !firstDownloads.isEmpty()) {
            long now = s.ctx.clock().millis();
            try {
                s.ctx.store().markSeenAndExpunge(s.user.accountId(), changes,
                        tx -> Pop3Rows.record(tx, firstDownloads, hidden, now));
            } catch (dev.surel.store.StoreException.Unavailable e) { // disk full, read-only: nothing changed (RFC 3206 §4)
                s.ctx.rows().forget(md.mailboxIds());
                log.warn("{}: POP3 UPDATE for {} refused: {}", s.conn.id(), s.user.address(), e.getMessage());
                s.reply(Pop3Reply.err(ResponseCode.SYS_TEMP, "could not update the maildrop; nothing was changed"));
                return;
            } catch (RuntimeException e) {
                s.ctx.rows().forget(md.mailboxIds()); // outcome unknown: the next login reads the rows
                log.error("{}: POP3 UPDATE for {} failed", s.conn.id(), s.user.address(), e);
                s.reply(Pop3Reply.err(ResponseCode.SYS_TEMP, "could not update the maildrop; nothing was changed"));
                return;
            }
            s.ctx.rows().recorded(firstDownloads, hidden); // committed: the cached marks follow, still under the lock
        }
        int left = md.liveCount();
        s.releaseMaildrop(); // RFC 1939 §6: UPDATE done, the lock goes before the reply
        s.reply(Pop3Reply.ok("Surel POP3 server signing off (" + left + " messages left)"));
    }
}
