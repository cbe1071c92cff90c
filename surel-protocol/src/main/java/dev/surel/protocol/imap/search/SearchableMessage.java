package dev.surel.protocol.imap.search;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.mime.HeaderFields;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/**
 * One message as SEARCH sees it. The session implements this over the store; expensive parts
 * ({@link #header()}, {@link #bodyTexts()}) should be computed on first call only — the
 * {@link SearchEvaluator} calls them at most once per message and only when a key needs them.
 */
public interface SearchableMessage {

    /** Message sequence number in the session's view. */
    long seq();

    long uid();

    /** True when the system flag is set (RECENT: the session's recent flag). */
    boolean flag(SearchKey.SystemFlag flag);

    /** The keywords (non-system flags) set on the message, as stored. */
    Collection<String> keywords();

    /** The message's MODSEQ (RFC 7162 §3.1.5 SEARCH MODSEQ). */
    long modseq();

    /** RFC822.SIZE in octets. */
    long size();

    /** The internal date with the offset it was stored with (RFC 9051 §2.3.3). */
    OffsetDateTime internalDate();

    /**
     * The prepared texts of the SUBJECT/FROM/TO/CC/BCC keys ({@link HeaderSearchTexts}), or null
     * when the message has none prepared: the evaluator then reads {@link #header()}.
     */
    default HeaderSearchTexts searchTexts() throws IOException {
        return null;
    }

    /** The top-level header (raw fields; decoding is done here). */
    HeaderFields header() throws IOException;

    /**
     * The decoded text of the body: every text part decoded from its transfer encoding and charset,
     * and the header text of encapsulated messages (see
     * {@link dev.surel.protocol.mime.PartText#extractAll}).
     */
    List<String> bodyTexts() throws IOException;
}
