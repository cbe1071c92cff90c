package dev.surel.protocol.imap;

import java.time.LocalDate;
import java.util.List;

/**
 * A parsed SEARCH criterion (RFC 9051 §6.4.4, RFC 3501 §6.4.4). The parser builds these; the
 * server evaluates them. A search program is an {@link And} of its top-level keys.
 *
 * <p>Strings are the decoded astrings (bytes of the search charset already turned into Java
 * text). Dates are the day the client named: BEFORE/ON/SINCE compare against the internal
 * date in its own offset, SENT* against the Date: header in its own zone (RFC 9051 §6.4.4).
 */
public sealed interface SearchKey {

    /** ALL. */
    record All() implements SearchKey { }

    /** Key list in parentheses, or the whole program: every key must match. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey { }

    record Not(SearchKey key) implements SearchKey { }

    /** A message sequence number set. */
    record Sequence(SequenceSet set) implements SearchKey { }

    /** UID set. */
    record Uid(SequenceSet set) implements SearchKey { }

    /** ANSWERED, DELETED, DRAFT, FLAGGED, SEEN and their UN- forms; RECENT/NEW/OLD (IMAP4rev1 only). */
    record Flag(SystemFlag flag, boolean set) implements SearchKey { }

    /** KEYWORD / UNKEYWORD: compared case-insensitively (Locale.ROOT). */
    record Keyword(String keyword, boolean set) implements SearchKey { }

    /** NEW = RECENT UNSEEN, OLD = NOT RECENT (RFC 3501 §6.4.4; not in IMAP4rev2). */
    record New() implements SearchKey { }

    record Old() implements SearchKey { }

    /** FROM, TO, CC, BCC, SUBJECT: substring of the decoded header field. */
    record AddressOrSubject(HeaderKind field, String text) implements SearchKey { }

    /** HEADER field-name string: substring of the decoded field (an empty string: the field exists). */
    record Header(String fieldName, String text) implements SearchKey { }

    /** BODY: substring of the decoded body text. */
    record Body(String text) implements SearchKey { }

    /** TEXT: substring of the header or the body. */
    record Text(String text) implements SearchKey { }

    /** BEFORE, ON, SINCE on the internal date; SENTBEFORE, SENTON, SENTSINCE on the Date: header. */
    record Date(DateField field, DateOp op, LocalDate date) implements SearchKey { }

    /** LARGER n / SMALLER n on RFC822.SIZE. */
    record Size(boolean larger, long octets) implements SearchKey { }

    /**
     * RFC 7162 §3.1.5 {@code MODSEQ [entry-name entry-type-req] mod-sequence-valzer}: messages
     * whose MODSEQ is at least {@code modseq}. {@code entryName} (e.g. {@code /flags/\\draft})
     * and {@code entryType} ({@code priv}, {@code shared}, {@code all}) are null when absent;
     * Surel keeps one MODSEQ per message, so they narrow nothing.
     */
    record Modseq(String entryName, String entryType, long modseq) implements SearchKey { }

    enum SystemFlag { ANSWERED, DELETED, DRAFT, FLAGGED, SEEN, RECENT }

    enum HeaderKind { FROM, TO, CC, BCC, SUBJECT }

    enum DateField { INTERNAL, SENT }

    enum DateOp { BEFORE, ON, SINCE }
}
