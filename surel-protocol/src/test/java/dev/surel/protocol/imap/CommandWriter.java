package dev.surel.protocol.imap;

import dev.surel.protocol.imap.ImapCommand.AppendMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Test helper: writes an {@link ImapCommand} back as a client would send it (RFC 9051 §9), as an
 * {@link ImapInput} of lines and literals. A string goes out as an atom when it is one, quoted
 * when it has no CR, LF or NUL, else as a literal; APPEND messages are spooled literals of their
 * size. Used by {@link ImapParserFuzzTest} to check that parsing is a fixed point.
 */
final class CommandWriter {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final List<byte[]> lines = new ArrayList<>();
    private final List<ImapInput.Literal> literals = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    static ImapInput write(String tag, ImapCommand c) {
        CommandWriter w = new CommandWriter();
        w.raw(tag).raw(" ").command(c);
        w.lines.add(w.line.toByteArray());
        return new ImapInput(w.lines, w.literals);
    }

    private CommandWriter raw(String s) {
        line.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private CommandWriter sp() {
        return raw(" ");
    }

    private void command(ImapCommand c) {
        switch (c) {
            case ImapCommand.Capability x -> raw("CAPABILITY");
            case ImapCommand.Noop x -> raw("NOOP");
            case ImapCommand.Logout x -> raw("LOGOUT");
            case ImapCommand.StartTls x -> raw("STARTTLS");
            case ImapCommand.Check x -> raw("CHECK");
            case ImapCommand.Close x -> raw("CLOSE");
            case ImapCommand.Unselect x -> raw("UNSELECT");
            case ImapCommand.Idle x -> raw("IDLE");
            case ImapCommand.Namespace x -> raw("NAMESPACE");
            case ImapCommand.Id id -> {
                raw("ID ");
                if (id.fields() == null) {
                    raw("NIL");
                } else {
                    raw("(");
                    boolean first = true;
                    for (Map.Entry<String, String> e : id.fields().entrySet()) {
                        if (!first) sp();
                        first = false;
                        string(e.getKey()).sp();
                        if (e.getValue() == null) raw("NIL");
                        else string(e.getValue());
                    }
                    raw(")");
                }
            }
            case ImapCommand.Authenticate a -> raw("AUTHENTICATE " + a.mechanism() + (a.initialResponse() == null ? "" : " " + a.initialResponse()));
            case ImapCommand.Login l -> raw("LOGIN ").astring(l.user()).sp().astring(l.password());
            case ImapCommand.Enable e -> raw("ENABLE " + String.join(" ", e.capabilities()));
            case ImapCommand.Select s -> {
                raw(s.examine() ? "EXAMINE " : "SELECT ").astring(s.mailbox());
                List<String> params = new ArrayList<>();
                if (s.condstore()) params.add("CONDSTORE");
                if (s.qresync() != null) {
                    ImapCommand.Qresync q = s.qresync();
                    StringBuilder b = new StringBuilder("QRESYNC (").append(q.uidValidity()).append(' ').append(q.modseq());
                    if (q.knownUids() != null) b.append(' ').append(set(q.knownUids()));
                    if (q.matchSeqs() != null) b.append(" (").append(set(q.matchSeqs())).append(' ').append(set(q.matchUids())).append(')');
                    params.add(b.append(')').toString());
                }
                if (!params.isEmpty()) raw(" (" + String.join(" ", params) + ")");
            }
            case ImapCommand.Create cr -> {
                raw("CREATE ").astring(cr.mailbox());
                if (!cr.specialUse().isEmpty()) raw(" (USE (" + String.join(" ", cr.specialUse()) + "))");
            }
            case ImapCommand.Delete d -> raw("DELETE ").astring(d.mailbox());
            case ImapCommand.Subscribe s -> raw("SUBSCRIBE ").astring(s.mailbox());
            case ImapCommand.Unsubscribe s -> raw("UNSUBSCRIBE ").astring(s.mailbox());
            case ImapCommand.Rename r -> raw("RENAME ").astring(r.from()).sp().astring(r.to());
            case ImapCommand.ListMailboxes l -> list(l);
            case ImapCommand.Lsub l -> raw("LSUB ").astring(l.reference()).sp().listMailbox(l.pattern());
            case ImapCommand.Status s -> raw("STATUS ").astring(s.mailbox()).raw(" (" + names(s.items()) + ")");
            case ImapCommand.Append a -> append(a);
            case ImapCommand.GetQuota q -> raw("GETQUOTA ").astring(q.root());
            case ImapCommand.GetQuotaRoot q -> raw("GETQUOTAROOT ").astring(q.mailbox());
            case ImapCommand.SetQuota q -> {
                raw("SETQUOTA ").astring(q.root()).raw(" (");
                raw(q.limits().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" ")));
                raw(")");
            }
            case ImapCommand.Expunge e -> raw(e.uids() == null ? "EXPUNGE" : "UID EXPUNGE " + set(e.uids()));
            case ImapCommand.Search s -> search(s);
            case ImapCommand.Fetch f -> fetch(f);
            case ImapCommand.Store s -> {
                raw((s.uid() ? "UID " : "") + "STORE " + set(s.set()) + " ");
                if (s.unchangedSince() >= 0) raw("(UNCHANGEDSINCE " + s.unchangedSince() + ") ");
                raw(switch (s.mode()) {
                    case REPLACE -> "";
                    case ADD -> "+";
                    case REMOVE -> "-";
                } + (s.silent() ? "FLAGS.SILENT" : "FLAGS") + " (" + String.join(" ", s.flags()) + ")");
            }
            case ImapCommand.Copy cp -> raw((cp.uid() ? "UID " : "") + "COPY " + set(cp.set()) + " ").astring(cp.mailbox());
            case ImapCommand.Move mv -> raw((mv.uid() ? "UID " : "") + "MOVE " + set(mv.set()) + " ").astring(mv.mailbox());
        }
    }

    private void list(ImapCommand.ListMailboxes l) {
        raw("LIST ");
        if (!l.extended()) {
            astring(l.reference()).sp().listMailbox(l.patterns().getFirst());
            return;
        }
        raw("(" + String.join(" ", l.selection()) + ") ").astring(l.reference()).raw(" (");
        for (int i = 0; i < l.patterns().size(); i++) {
            if (i > 0) sp();
            listMailbox(l.patterns().get(i));
        }
        raw(")");
        if (!l.returns().isEmpty()) {
            List<String> opts = new ArrayList<>();
            for (String r : l.returns()) opts.add(r.equals("STATUS") ? "STATUS (" + names(l.statusItems()) + ")" : r);
            raw(" RETURN (" + String.join(" ", opts) + ")");
        }
    }

    private void append(ImapCommand.Append a) {
        raw("APPEND ").astring(a.mailbox());
        for (AppendMessage m : a.messages()) {
            sp();
            if (!m.flags().isEmpty()) raw("(" + String.join(" ", m.flags()) + ") ");
            if (m.internalDate() != null) raw("\"" + dateTime(m.internalDate()) + "\" ");
            if (m.utf8()) raw("UTF8 (");
            raw((m.binary() ? "~{" : "{") + m.size() + "}");
            newLine(new ImapInput.Literal.Spooled(m.size()));
            if (m.utf8()) raw(")");
        }
    }

    private void search(ImapCommand.Search s) {
        raw((s.uid() ? "UID " : "") + "SEARCH ");
        if (s.returnGiven()) raw("RETURN (" + String.join(" ", s.returns()) + ") ");
        if (s.charset() != null) raw("CHARSET ").astring(s.charset()).sp();
        if (s.key() instanceof SearchKey.And and) {
            keys(and.keys());
        } else {
            key(s.key());
        }
    }

    private void keys(List<SearchKey> keys) {
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sp();
            key(keys.get(i));
        }
    }

    private void key(SearchKey k) {
        switch (k) {
            case SearchKey.All x -> raw("ALL");
            case SearchKey.And a -> {
                raw("(");
                keys(a.keys());
                raw(")");
            }
            case SearchKey.Or o -> {
                raw("OR ");
                key(o.left());
                sp();
                key(o.right());
            }
            case SearchKey.Not n -> {
                raw("NOT ");
                key(n.key());
            }
            case SearchKey.Sequence s -> raw(set(s.set()));
            case SearchKey.Uid u -> raw("UID " + set(u.set()));
            case SearchKey.Flag f -> raw((f.set() ? "" : "UN") + f.flag().name());
            case SearchKey.Keyword kw -> raw((kw.set() ? "KEYWORD " : "UNKEYWORD ") + kw.keyword());
            case SearchKey.New x -> raw("NEW");
            case SearchKey.Old x -> raw("OLD");
            case SearchKey.AddressOrSubject a -> raw(a.field().name() + " ").astring(a.text());
            case SearchKey.Header h -> raw("HEADER ").astring(h.fieldName()).sp().astring(h.text());
            case SearchKey.Body b -> raw("BODY ").astring(b.text());
            case SearchKey.Text t -> raw("TEXT ").astring(t.text());
            case SearchKey.Date d -> raw((d.field() == SearchKey.DateField.SENT ? "SENT" : "") + d.op().name() + " " + date(d.date()));
            case SearchKey.Size s -> raw((s.larger() ? "LARGER " : "SMALLER ") + s.octets());
            case SearchKey.Modseq m -> {
                raw("MODSEQ ");
                if (m.entryName() != null) quoted(m.entryName()).raw(" " + m.entryType() + " ");
                raw(Long.toString(m.modseq()));
            }
        }
    }

    private void fetch(ImapCommand.Fetch f) {
        raw((f.uid() ? "UID " : "") + "FETCH " + set(f.set()) + " (");
        for (int i = 0; i < f.items().size(); i++) {
            if (i > 0) sp();
            item(f.items().get(i));
        }
        raw(")");
        List<String> mods = new ArrayList<>();
        if (f.changedSince() >= 0) mods.add("CHANGEDSINCE " + f.changedSince());
        if (f.vanished()) mods.add("VANISHED");
        if (!mods.isEmpty()) raw(" (" + String.join(" ", mods) + ")");
    }

    private void item(FetchItem i) {
        switch (i) {
            case FetchItem.Envelope x -> raw("ENVELOPE");
            case FetchItem.Flags x -> raw("FLAGS");
            case FetchItem.InternalDate x -> raw("INTERNALDATE");
            case FetchItem.Rfc822Size x -> raw("RFC822.SIZE");
            case FetchItem.Uid x -> raw("UID");
            case FetchItem.Modseq x -> raw("MODSEQ");
            case FetchItem.Structure s -> raw(s.extensible() ? "BODYSTRUCTURE" : "BODY");
            case FetchItem.Rfc822 r -> raw(switch (r.part()) {
                case WHOLE -> "RFC822";
                case HEADER -> "RFC822.HEADER";
                case TEXT -> "RFC822.TEXT";
            });
            case FetchItem.Body b -> {
                raw(b.peek() ? "BODY.PEEK[" : "BODY[");
                section(b.section());
            }
            case FetchItem.Binary b -> {
                raw((b.peek() ? "BINARY.PEEK[" : "BINARY[") + path(b.section().path()) + "]");
                partial(b.section().partial());
            }
            case FetchItem.BinarySize b -> raw("BINARY.SIZE[" + path(b.path()) + "]");
        }
    }

    private void section(BodySection s) {
        String kind = switch (s.kind()) {
            case CONTENT -> "";
            case MIME -> "MIME";
            case HEADER -> "HEADER";
            case TEXT -> "TEXT";
            case HEADER_FIELDS -> "HEADER.FIELDS";
            case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
        };
        String p = path(s.path());
        raw(p + (!p.isEmpty() && !kind.isEmpty() ? "." : "") + kind);
        if (s.kind() == BodySection.Kind.HEADER_FIELDS || s.kind() == BodySection.Kind.HEADER_FIELDS_NOT) {
            raw(" (");
            for (int i = 0; i < s.fieldNames().size(); i++) {
                if (i > 0) sp();
                astring(s.fieldNames().get(i));
            }
            raw(")");
        }
        raw("]");
        partial(s.partial());
    }

    private void partial(BodySection.Partial p) {
        if (p != null) raw("<" + p.offset() + "." + p.count() + ">");
    }

    private static String path(List<Integer> path) {
        return path.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    static String set(SequenceSet s) {
        if (s.saved()) return "$";
        return s.ranges().stream().map(r -> r.from() == r.to() ? n(r.from()) : n(r.from()) + ":" + n(r.to()))
                .collect(Collectors.joining(","));
    }

    private static String n(long v) {
        return v == SequenceSet.STAR ? "*" : Long.toString(v);
    }

    private static String names(Collection<? extends Enum<?>> items) {
        return items.stream().map(Enum::name).collect(Collectors.joining(" "));
    }

    /** date-text of RFC 9051 §9: date-day "-" date-month "-" date-year (4DIGIT). */
    static String date(java.time.LocalDate d) {
        return d.getDayOfMonth() + "-" + MONTHS.substring(3 * (d.getMonthValue() - 1), 3 * d.getMonthValue()) + "-"
                + String.format(Locale.ROOT, "%04d", d.getYear());
    }

    /** date-time of RFC 9051 §9. */
    static String dateTime(OffsetDateTime t) {
        int off = t.getOffset().getTotalSeconds() / 60;
        return String.format(Locale.ROOT, "%02d-%s-%04d %02d:%02d:%02d %s%02d%02d", t.getDayOfMonth(),
                MONTHS.substring(3 * (t.getMonthValue() - 1), 3 * t.getMonthValue()), t.getYear(), t.getHour(),
                t.getMinute(), t.getSecond(), off < 0 ? "-" : "+", Math.abs(off) / 60, Math.abs(off) % 60);
    }

    private CommandWriter listMailbox(String s) {
        boolean plain = !s.isEmpty() && s.chars().allMatch(ch -> atomChar(ch) || ch == '%' || ch == '*' || ch == ']');
        return plain ? raw(s) : string(s);
    }

    private CommandWriter astring(String s) {
        boolean atom = !s.isEmpty() && s.chars().allMatch(ch -> atomChar(ch) || ch == ']');
        return atom ? raw(s) : string(s);
    }

    private CommandWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            if (x == 0 || x == '\r' || x == '\n') {
                raw("{" + b.length + "}");
                newLine(new ImapInput.Literal.Bytes(b));
                return this;
            }
        }
        return quoted(s);
    }

    private CommandWriter quoted(String s) {
        return raw("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    private void newLine(ImapInput.Literal literal) {
        lines.add(line.toByteArray());
        line.reset();
        literals.add(literal);
    }

    private static boolean atomChar(int c) {
        if (c <= 0x20 || c >= 0x7f) return false;
        return switch (c) {
            case '(', ')', '{', '%', '*', '"', '\\', ']' -> false;
            default -> true;
        };
    }
}
