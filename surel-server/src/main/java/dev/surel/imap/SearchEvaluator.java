package dev.surel.imap;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.protocol.mime.PartText;
import dev.surel.store.Flag;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a SEARCH program (RFC 9051 §6.4.4) for one message of the session's view. Flags,
 * sizes, UIDs, sequence numbers and internal dates (in their own offset) come from metadata;
 * header keys match the RFC 2047-decoded fields, BODY/TEXT the decoded text parts, all as
 * case-insensitive substrings (Locale.ROOT). Content is read once per message, only when a key
 * needs it. A compact stand-in until imap-content's evaluator is merged.
 */
final class SearchEvaluator {

    /** One candidate message. */
    static final class Candidate {
        final int seq;
        final int size;
        final MessageMeta meta;
        final boolean recent;
        private final ImapSession s;
        private MessageStructure structure;
        private String bodyText;

        Candidate(ImapSession s, int seq, int size, MessageMeta meta, boolean recent) {
            this.s = s;
            this.seq = seq;
            this.size = size;
            this.meta = meta;
            this.recent = recent;
        }

        MessageStructure structure() {
            if (structure == null) structure = s.store().structure(s.account(), meta.mailboxId(), meta.uid());
            return structure;
        }

        String body() {
            if (bodyText == null) {
                try (SizedStream in = s.store().open(s.account(), meta.mailboxId(), meta.uid())) {
                    StringBuilder b = new StringBuilder();
                    for (PartText.Extracted e : PartText.extractAll(in.in(), structure(), MimeSettings.defaults())) {
                        if (!e.section().endsWith("HEADER")) b.append(e.text()).append('\n');
                    }
                    bodyText = b.toString().toLowerCase(Locale.ROOT);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return bodyText;
        }
    }

    private SearchEvaluator() { }

    static boolean matches(SearchKey k, Candidate c) {
        return switch (k) {
            case SearchKey.All a -> true;
            case SearchKey.And a -> a.keys().stream().allMatch(x -> matches(x, c));
            case SearchKey.Or o -> matches(o.left(), c) || matches(o.right(), c);
            case SearchKey.Not n -> !matches(n.key(), c);
            case SearchKey.Sequence q -> q.set().contains(c.seq, c.size);
            case SearchKey.Uid u -> u.set().contains(c.meta.uid(), Math.max(c.meta.uid(), maxUid(c)));
            case SearchKey.Flag f -> f.set() == switch (f.flag()) {
                case ANSWERED -> c.meta.flags().has(Flag.ANSWERED);
                case DELETED -> c.meta.flags().has(Flag.DELETED);
                case DRAFT -> c.meta.flags().has(Flag.DRAFT);
                case FLAGGED -> c.meta.flags().has(Flag.FLAGGED);
                case SEEN -> c.meta.flags().has(Flag.SEEN);
                case RECENT -> c.recent;
            };
            case SearchKey.Keyword w -> w.set() == c.meta.flags().keywords().stream().anyMatch(x -> x.equalsIgnoreCase(w.keyword()));
            case SearchKey.New n -> c.recent && !c.meta.flags().has(Flag.SEEN);
            case SearchKey.Old o -> !c.recent;
            case SearchKey.Size z -> z.larger() ? c.meta.size() > z.octets() : c.meta.size() < z.octets();
            case SearchKey.Date d -> date(d, c);
            case SearchKey.AddressOrSubject a -> header(c, a.field().name(), a.text());
            case SearchKey.Header h -> header(c, h.fieldName(), h.text());
            case SearchKey.Body b -> c.body().contains(b.text().toLowerCase(Locale.ROOT));
            case SearchKey.Text t -> {
                String needle = t.text().toLowerCase(Locale.ROOT);
                yield c.structure().header().decodedText().toLowerCase(Locale.ROOT).contains(needle) || c.body().contains(needle);
            }
        };
    }

    private static long maxUid(Candidate c) {
        SelectedMailbox sel = c.s.selected();
        return sel.size() == 0 ? 0 : sel.uidAt(sel.size());
    }

    private static boolean header(Candidate c, String field, String text) {
        List<dev.surel.protocol.mime.HeaderField> fields = c.structure().header().all(field);
        if (fields.isEmpty()) return false;
        if (text.isEmpty()) return true;
        String needle = text.toLowerCase(Locale.ROOT);
        for (var f : fields) if (f.decodedValue().toLowerCase(Locale.ROOT).contains(needle)) return true;
        return false;
    }

    private static boolean date(SearchKey.Date d, Candidate c) {
        LocalDate day;
        if (d.field() == SearchKey.DateField.INTERNAL) {
            day = c.meta.internalDate().toLocalDate();
        } else {
            String v = c.structure().header().value("Date");
            if (v == null) return false;
            try {
                day = ZonedDateTime.parse(v.trim().replaceAll("\\s*\\(.*\\)$", "").replaceAll("\\s+", " "),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
            } catch (RuntimeException e) {
                return false;
            }
        }
        return switch (d.op()) {
            case BEFORE -> day.isBefore(d.date());
            case ON -> day.equals(d.date());
            case SINCE -> !day.isBefore(d.date());
        };
    }
}
