package dev.surel.protocol.imap.search;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.mime.Envelope;
import dev.surel.protocol.mime.HeaderField;
import dev.surel.protocol.mime.HeaderFields;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a {@link SearchKey} against one message (RFC 9051 §6.4.4, RFC 3501 §6.4.4).
 *
 * <ul>
 *   <li>Strings match as case-insensitive substrings: both sides are folded with
 *       {@link #fold} (upper- then lower-case in {@link Locale#ROOT}, so "ß" matches "SS"); the same
 *       folding for KEYWORD / UNKEYWORD. An empty search string matches everything (for HEADER:
 *       every message that has the field, RFC 9051 §6.4.4).</li>
 *   <li>FROM, TO, CC, BCC, SUBJECT and HEADER look at every field of that name, unfolded and RFC
 *       2047-decoded (the address keys at its addresses as {@code Name <mailbox@host>}, comments
 *       inside an address left out); TEXT at the decoded header fields ("Name: value" lines) or the body; BODY at
 *       the body texts of {@link SearchableMessage#bodyTexts()} (decoded from transfer encoding and
 *       charset).</li>
 *   <li>BEFORE / ON / SINCE compare the day of the internal date in its own offset; SENTBEFORE /
 *       SENTON / SENTSINCE the day of the Date: header in its own zone ({@link DateHeader}); a
 *       message without a parsable Date: header matches no SENT* key.</li>
 *   <li>{@code *} in a sequence set is the number of messages ({@code maxSeq}), in a UID set the
 *       highest UID in the mailbox ({@code maxUid}).</li>
 *   <li>NEW is RECENT and not SEEN, OLD is not RECENT (RFC 3501 §6.4.4).</li>
 * </ul>
 * FROM, TO, CC, BCC and SUBJECT use the message's {@link SearchableMessage#searchTexts()} when it
 * has them (the same texts, prepared at delivery), so they need not read the header.
 * The header and the body are asked for at most once per message and only when a key needs them.
 * An {@link IOException} from the message propagates (the session answers NO).
 * One evaluator per SEARCH (it remembers the program's folded texts); not thread-safe.
 */
public final class SearchEvaluator {

    private final long maxSeq;
    private final long maxUid;

    /** @param maxSeq messages in the session's view; @param maxUid the highest UID in the mailbox (0 when empty) */
    public SearchEvaluator(long maxSeq, long maxUid) {
        this.maxSeq = maxSeq;
        this.maxUid = maxUid;
    }

    /** The program's texts folded, each once per evaluator rather than once per message (not thread-safe). */
    private final java.util.Map<String, String> foldedNeedles = new java.util.HashMap<>();

    private String needle(String text) {
        return foldedNeedles.computeIfAbsent(text, SearchEvaluator::fold);
    }

    /** Case folding for comparisons (Locale.ROOT, full case mapping). */
    public static String fold(String s) {
        return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    public boolean matches(SearchKey key, SearchableMessage message) throws IOException {
        return matches(key, message, TextAnswers.NONE);
    }

    /**
     * As {@link #matches(SearchKey, SearchableMessage)}, taking BODY / TEXT answers from
     * {@code answers} where it has them (the message's text is then not read for that key).
     */
    public boolean matches(SearchKey key, SearchableMessage message, TextAnswers answers) throws IOException {
        return new Run(message, answers).eval(key);
    }

    /** Per-message state: the decoded header and body, folded once, when first needed. */
    private final class Run {
        final SearchableMessage m;
        final TextAnswers answers;
        HeaderFields header;
        boolean preparedAsked;
        HeaderSearchTexts prepared;
        String foldedHeaderText;
        List<String> foldedBodies;

        Run(SearchableMessage m, TextAnswers answers) {
            this.m = m;
            this.answers = answers;
        }

        boolean eval(SearchKey key) throws IOException {
            return switch (key) {
                case SearchKey.All a -> true;
                case SearchKey.And and -> {
                    for (SearchKey k : and.keys()) {
                        if (!eval(k)) {
                            yield false;
                        }
                    }
                    yield true;
                }
                case SearchKey.Or or -> eval(or.left()) || eval(or.right());
                case SearchKey.Not not -> !eval(not.key());
                case SearchKey.Sequence s -> s.set().contains(m.seq(), maxSeq);
                case SearchKey.Uid u -> u.set().contains(m.uid(), Math.max(maxUid, m.uid()));
                case SearchKey.Flag f -> m.flag(f.flag()) == f.set();
                case SearchKey.Keyword k -> hasKeyword(k.keyword()) == k.set();
                case SearchKey.New n -> m.flag(SearchKey.SystemFlag.RECENT) && !m.flag(SearchKey.SystemFlag.SEEN);
                case SearchKey.Old o -> !m.flag(SearchKey.SystemFlag.RECENT);
                case SearchKey.AddressOrSubject a -> prepared(a);
                case SearchKey.Header h -> field(h.fieldName(), h.text());
                case SearchKey.Body b -> {
                    Boolean known = answers.answer(b, m.uid());
                    yield known != null ? known : body(needle(b.text()));
                }
                case SearchKey.Text t -> {
                    Boolean known = answers.answer(t, m.uid());
                    if (known != null) {
                        yield known;
                    }
                    String needle = needle(t.text());
                    yield headerText().contains(needle) || body(needle);
                }
                case SearchKey.Date d -> date(d);
                case SearchKey.Size s -> s.larger() ? m.size() > s.octets() : m.size() < s.octets();
                case SearchKey.Modseq ms -> m.modseq() >= ms.modseq();
            };
        }

        private boolean hasKeyword(String keyword) {
            String k = needle(keyword);
            for (String have : m.keywords()) {
                if (fold(have).equals(k)) {
                    return true;
                }
            }
            return false;
        }

        /** SUBJECT / FROM / TO / CC / BCC: from the prepared texts when the message has them, else from the header. */
        private boolean prepared(SearchKey.AddressOrSubject a) throws IOException {
            if (!preparedAsked) {
                preparedAsked = true;
                prepared = m.searchTexts();
            }
            if (prepared == null) {
                return a.field() == SearchKey.HeaderKind.SUBJECT
                        ? field("Subject", a.text()) : addressField(a.field().name(), a.text());
            }
            String needle = needle(a.text());
            for (String t : prepared.of(a.field())) {
                if (needle.isEmpty() || t.contains(needle)) {
                    return true;
                }
            }
            return false;
        }

        private HeaderFields header() throws IOException {
            if (header == null) {
                header = m.header();
            }
            return header;
        }

        private boolean field(String name, String text) throws IOException {
            String needle = needle(text);
            for (HeaderField f : header().all(name)) {
                if (needle.isEmpty() || fold(f.decodedValue()).contains(needle)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * FROM / TO / CC / BCC: a substring of the addresses as {@code Name <mailbox@host>}, so
         * comments inside an address do not count and a bare address's comment is its name
         * ({@link Envelope#addressSearchText}, as Dovecot 2.3.19 searches them).
         */
        private boolean addressField(String name, String text) throws IOException {
            String needle = needle(text);
            for (HeaderField f : header().all(name)) {
                if (needle.isEmpty() || fold(Envelope.addressSearchText(f.value())).contains(needle)) {
                    return true;
                }
            }
            return false;
        }

        private String headerText() throws IOException {
            if (foldedHeaderText == null) {
                foldedHeaderText = fold(header().decodedText());
            }
            return foldedHeaderText;
        }

        private boolean body(String needle) throws IOException {
            if (needle.isEmpty()) {
                return true;
            }
            if (foldedBodies == null) {
                foldedBodies = m.bodyTexts().stream().map(SearchEvaluator::fold).toList();
            }
            for (String b : foldedBodies) {
                if (b.contains(needle)) {
                    return true;
                }
            }
            return false;
        }

        private boolean date(SearchKey.Date d) throws IOException {
            LocalDate day;
            if (d.field() == SearchKey.DateField.INTERNAL) {
                day = m.internalDate().toLocalDate();
            } else {
                Optional<java.time.OffsetDateTime> sent = DateHeader.parse(header().value("Date"));
                if (sent.isEmpty()) {
                    return false;
                }
                day = sent.get().toLocalDate();
            }
            return switch (d.op()) {
                case BEFORE -> day.isBefore(d.date());
                case ON -> day.isEqual(d.date());
                case SINCE -> !day.isBefore(d.date());
            };
        }
    }
}
