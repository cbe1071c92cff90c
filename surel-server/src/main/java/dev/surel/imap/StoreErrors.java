package dev.surel.imap;

import dev.surel.store.StoreException;
import java.io.IOException;

/**
 * The one place where store errors become IMAP responses (RFC 9051 §7.1, RFC 5530 codes).
 * The text is the server's own: names from the client never go back in free text.
 */
final class StoreErrors {

    private StoreErrors() {
    }

    /**
     * Answers {@code tag NO [code] text}. {@code target} is true when the missing mailbox is the
     * target of APPEND/COPY/MOVE: then the code is TRYCREATE (RFC 9051 §6.3.12, §6.4.7).
     */
    static void respond(ImapSession s, String tag, StoreException e, boolean target) throws IOException {
        switch (e) {
            case StoreException.NotFound x -> {
                if (target) s.no(tag, "TRYCREATE", "No such mailbox");
                else s.no(tag, "NONEXISTENT", "No such mailbox");
            }
            case StoreException.AlreadyExists x -> s.no(tag, "ALREADYEXISTS", "Mailbox already exists");
            case StoreException.OverQuota x -> s.no(tag, "OVERQUOTA", "Quota exceeded");
            case StoreException.InvalidName x -> s.no(tag, "CANNOT", "Invalid mailbox name");
            case StoreException.NotAllowed x -> s.no(tag, "CANNOT", "Operation not allowed on this mailbox");
            case StoreException.BadMessage x -> s.no(tag, "LIMIT", "Message refused: too large or unreadable");
            case StoreException.Unavailable x -> unavailable(s, tag, x);
        }
    }

    /**
     * The store cannot write now and nothing was changed: a full disk is {@code NO [OVERQUOTA]}
     * (RFC 5530 §3; as Dovecot answers ENOSPC), a read-only or failing store
     * {@code NO [UNAVAILABLE]} ("temporary failure because a subsystem is down"). Both say to
     * try again later; the session goes on.
     */
    static void unavailable(ImapSession s, String tag, StoreException.Unavailable e) throws IOException {
        s.logStoreUnavailable(e);
        s.no(tag, code(e), text(e));
    }

    /** The same refusal before a command ran (a synchronizing APPEND literal the store cannot take). */
    static CommandReader.Read.Refused refusal(String tag, StoreException.Unavailable e) {
        return new CommandReader.Read.Refused(tag, "NO", code(e), text(e));
    }

    private static String code(StoreException.Unavailable e) {
        return switch (e.reason()) {
            case DISK_FULL -> "OVERQUOTA";
            case READ_ONLY, IO_ERROR -> "UNAVAILABLE";
        };
    }

    private static String text(StoreException.Unavailable e) {
        return switch (e.reason()) {
            case DISK_FULL -> "Not enough disk space on the server, try again later";
            case READ_ONLY, IO_ERROR -> "Mail store temporarily unavailable, try again later";
        };
    }
}
