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
        }
    }
}
