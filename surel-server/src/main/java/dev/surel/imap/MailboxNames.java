package dev.surel.imap;

import dev.surel.protocol.imap.names.ModifiedUtf7;
import dev.surel.store.StoreException;

/**
 * Mailbox names on the wire: modified UTF-7 for IMAP4rev1 clients (RFC 3501 §5.1.3), UTF-8
 * once the client enabled IMAP4rev2 (RFC 9051 §5.1) or UTF8=ACCEPT (RFC 6855 §3). "INBOX" in any
 * case is INBOX. A name that is not valid modified UTF-7, or not valid UTF-8 where UTF-8 is
 * spoken, is refused as an invalid name (NO [CANNOT]).
 */
final class MailboxNames {

    private MailboxNames() {
    }

    /** Wire form to the store's name. */
    static String decode(String wire, boolean utf8) {
        String name;
        if (utf8) {
            // the parser decoded the octets as UTF-8: U+FFFD marks octets that were not (RFC 6855 §3)
            if (wire.indexOf('\uFFFD') >= 0) throw new StoreException.InvalidName("(not UTF-8)", "not valid UTF-8");
            name = wire;
        } else {
            try {
                name = ModifiedUtf7.decode(wire);
            } catch (IllegalArgumentException e) {
                throw new StoreException.InvalidName("(not modified UTF-7)", "not valid modified UTF-7");
            }
        }
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    /** The store's name to the wire form. */
    static String encode(String name, boolean utf8) {
        return utf8 ? name : ModifiedUtf7.encode(name);
    }

    /** A LIST pattern in wire form to text (wildcards are ASCII and survive); an invalid one is taken as is. */
    static String pattern(String wire, boolean utf8) {
        if (utf8) return wire;
        try {
            return ModifiedUtf7.decode(wire);
        } catch (IllegalArgumentException e) {
            return wire;
        }
    }
}
