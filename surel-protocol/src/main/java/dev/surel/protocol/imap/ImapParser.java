package dev.surel.protocol.imap;

import dev.surel.protocol.imap.ImapCommand.AppendMessage;
import dev.surel.protocol.imap.search.SearchCharset;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pure IMAP command parser: {@link ImapInput} (a line plus literals) to a typed
 * {@link ImapCommand}, following the formal syntax of RFC 9051 §9 (and RFC 3501 §9 for the
 * IMAP4rev1-only forms), RFC 4315 (UID EXPUNGE), RFC 5258 (LIST-EXTENDED), RFC 5819
 * (LIST-STATUS), RFC 6154 (CREATE USE), RFC 2971 (ID), RFC 9208 (QUOTA), RFC 3502
 * (MULTIAPPEND), RFC 4959 (SASL-IR).
 * Also RFC 4731 (SEARCH RETURN), RFC 5182 ({@code $}), RFC 3516 (BINARY items, literal8 in
 * APPEND) and RFC 6855 §4 (APPEND UTF8).
 *
 * <p>Invariants: no I/O, no state between calls; every error is a {@link ParseResult.Bad} whose
 * text is the parser's own (no client bytes echoed); nesting of parenthesised lists and search
 * keys is bounded by {@code maxDepth}. Keywords are case-insensitive.
 */
public final class ImapParser {

    /** Deepest nesting of parentheses / NOT / OR accepted by default. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    private static final String MONTHS = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";

    private final int maxDepth;

    public ImapParser(int maxDepth) {
        if (maxDepth < 1) throw new IllegalArgumentException("maxDepth");
        this.maxDepth = maxDepth;
    }

    public ImapParser() {
        this(DEFAULT_MAX_DEPTH);
    }

    /** Parses one complete command. */
    public ParseResult parse(ImapInput input) {
        Cursor c = new Cursor(input);
        String tag = null;
        try {
            tag = c.tag();
            c.sp();
            String name = c.atom().toUpperCase(Locale.ROOT);
            ImapCommand cmd = command(c, name, false);
            c.end();
            return new ParseResult.Ok(tag, cmd);
        } catch (BadCharsetException e) {
            return new ParseResult.BadCharset(tag);
        } catch (SyntaxException e) {
            return new ParseResult.Bad(tag, e.getMessage());
        }
    }

    /** Reads only the tag and command name (for a reply to a command that cannot be parsed further), or null. */
    public static String peekCommandName(byte[] firstLine) {
        String s = new String(firstLine, StandardCharsets.US_ASCII);
        String[] parts = s.split(" ", 4);
        if (parts.length < 2) return null;
        String name = parts[1].toUpperCase(Locale.ROOT);
        if (name.equals("UID") && parts.length > 2) return "UID " + parts[2].toUpperCase(Locale.ROOT);
        return name;
    }

    /**
     * True when a line is a SEARCH / UID SEARCH with RETURN (... SAVE ...): a search that fails
     * before it is parsed (NO [BADCHARSET]) must still empty the saved result (RFC 5182 §2.1).
     */
    public static boolean searchSavesResult(byte[] firstLine) {
        String s = new String(firstLine, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        var m = java.util.regex.Pattern.compile("^\\S+ (?:UID )?SEARCH RETURN \\(([^)]*)\\)").matcher(s);
        return m.find() && List.of(m.group(1).split(" ")).contains("SAVE");
    }

    private ImapCommand command(Cursor c, String name, boolean uid) {
        return switch (name) {
            case "CAPABILITY" -> new ImapCommand.Capability();
            case "NOOP" -> new ImapCommand.Noop();
            case "LOGOUT" -> new ImapCommand.Logout();
            case "STARTTLS" -> new ImapCommand.StartTls();
            case "CHECK" -> new ImapCommand.Check();
            case "CLOSE" -> new ImapCommand.Close();
            case "UNSELECT" -> new ImapCommand.Unselect();
            case "IDLE" -> new ImapCommand.Idle();
            case "NAMESPACE" -> new ImapCommand.Namespace();
            case "ID" -> id(c);
            case "AUTHENTICATE" -> authenticate(c);
            case "LOGIN" -> {
                c.sp();
                String user = c.astring();
                c.sp();
                yield new ImapCommand.Login(user, c.astring());
            }
            case "ENABLE" -> {
                List<String> caps = new ArrayList<>();
                do {
                    c.sp();
                    caps.add(c.atom().toUpperCase(Locale.ROOT));
                } while (!c.atEnd());
                yield new ImapCommand.Enable(caps);
            }
            case "SELECT", "EXAMINE" -> {
                c.sp();
                String mb = c.astring();
                yield selectParams(c, mb, name.equals("EXAMINE"));
            }
            case "CREATE" -> create(c);
            case "DELETE" -> new ImapCommand.Delete(oneMailbox(c));
            case "SUBSCRIBE" -> new ImapCommand.Subscribe(oneMailbox(c));
            case "UNSUBSCRIBE" -> new ImapCommand.Unsubscribe(oneMailbox(c));
            case "RENAME" -> {
                c.sp();
                String from = c.astring();
                c.sp();
                yield new ImapCommand.Rename(from, c.astring());
            }
            case "LIST" -> list(c);
            case "LSUB" -> {
                c.sp();
                String ref = c.astring();
                c.sp();
                yield new ImapCommand.Lsub(ref, c.listMailbox());
            }
            case "STATUS" -> {
                c.sp();
                String mb = c.astring();
                c.sp();
                yield new ImapCommand.Status(mb, statusItems(c));
            }
            case "APPEND" -> append(c);
            case "GETQUOTA" -> new ImapCommand.GetQuota(oneMailbox(c));
            case "GETQUOTAROOT" -> new ImapCommand.GetQuotaRoot(oneMailbox(c));
            case "SETQUOTA" -> setQuota(c);
            case "EXPUNGE" -> {
                if (!uid) yield new ImapCommand.Expunge(null);
                c.sp();
                yield new ImapCommand.Expunge(c.sequenceSet());
            }
            case "SEARCH" -> search(c, uid);
            case "FETCH" -> fetch(c, uid);
            case "STORE" -> store(c, uid);
            case "COPY", "MOVE" -> {
                c.sp();
                SequenceSet set = c.sequenceSet();
                c.sp();
                String mb = c.astring();
                yield name.equals("COPY") ? new ImapCommand.Copy(uid, set, mb) : new ImapCommand.Move(uid, set, mb);
            }
            case "UID" -> {
                if (uid) throw new SyntaxException("UID UID is not a command");
                c.sp();
                String sub = c.atom().toUpperCase(Locale.ROOT);
                if (!List.of("COPY", "MOVE", "FETCH", "SEARCH", "STORE", "EXPUNGE").contains(sub)) {
                    throw new SyntaxException("unknown UID command");
                }
                yield command(c, sub, true);
            }
            default -> throw new SyntaxException("unknown command");
        };
    }

    private static String oneMailbox(Cursor c) {
        c.sp();
        return c.astring();
    }

    private static ImapCommand id(Cursor c) {
        c.sp();
        if (c.tryWord("NIL")) return new ImapCommand.Id(null);
        c.expect('(');
        Map<String, String> fields = new LinkedHashMap<>();
        if (!c.tryChar(')')) {
            do {
                String k = c.string();
                c.sp();
                String v = c.nstring();
                if (fields.size() >= 30) throw new SyntaxException("too many ID fields");
                fields.put(k, v);
            } while (c.trySp());
            c.expect(')');
        }
        return new ImapCommand.Id(fields);
    }

    private static ImapCommand authenticate(Cursor c) {
        c.sp();
        String mech = c.atom().toUpperCase(Locale.ROOT);
        String ir = null;
        if (c.trySp()) {
            ir = c.rest();
            if (!ir.equals("=") && !ir.matches("[A-Za-z0-9+/]*={0,2}")) throw new SyntaxException("initial response is not base64");
        }
        return new ImapCommand.Authenticate(mech, ir);
    }

    private static ImapCommand create(Cursor c) {
        c.sp();
        String mb = c.astring();
        List<String> use = new ArrayList<>();
        if (c.trySp()) {
            c.expect('(');
            if (!c.atom().equalsIgnoreCase("USE")) throw new SyntaxException("unknown CREATE parameter");
            c.sp();
            c.expect('(');
            if (!c.tryChar(')')) {
                do {
                    use.add(c.flag());
                } while (c.trySp());
                c.expect(')');
            }
            c.expect(')');
        }
        return new ImapCommand.Create(mb, use);
    }

    private static ImapCommand list(Cursor c) {
        c.sp();
        boolean extended = false;
        Set<String> selection = new LinkedHashSet<>();
        if (c.tryChar('(')) {
            extended = true;
            if (!c.tryChar(')')) {
                do {
                    String o = c.atom().toUpperCase(Locale.ROOT);
                    if (!Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE").contains(o)) {
                        throw new SyntaxException("unknown LIST selection option");
                    }
                    selection.add(o);
                } while (c.trySp());
                c.expect(')');
            }
            c.sp();
        }
        // RFC 5258 §3: RECURSIVEMATCH "MUST NOT occur as the only selection option (or only with REMOTE)"
        if (selection.contains("RECURSIVEMATCH") && selection.stream().allMatch(o -> o.equals("RECURSIVEMATCH") || o.equals("REMOTE"))) {
            throw new SyntaxException("RECURSIVEMATCH needs another selection option");
        }
        String reference = c.astring();
        c.sp();
        List<String> patterns = new ArrayList<>();
        if (c.tryChar('(')) {
            extended = true;
            do {
                patterns.add(c.listMailbox());
            } while (c.trySp());
            c.expect(')');
        } else {
            patterns.add(c.listMailbox());
        }
        Set<String> returns = new LinkedHashSet<>();
        List<StatusItem> status = List.of();
        if (c.trySp()) {
            if (!c.atom().equalsIgnoreCase("RETURN")) throw new SyntaxException("expected RETURN");
            extended = true;
            c.sp();
            c.expect('(');
            if (!c.tryChar(')')) {
                do {
                    String o = c.atom().toUpperCase(Locale.ROOT);
                    switch (o) {
                        case "SUBSCRIBED", "CHILDREN", "SPECIAL-USE" -> returns.add(o);
                        case "STATUS" -> {
                            c.sp();
                            status = statusItems(c);
                            returns.add(o);
                        }
                        default -> throw new SyntaxException("unknown LIST return option");
                    }
                } while (c.trySp());
                c.expect(')');
            }
        }
        return new ImapCommand.ListMailboxes(selection, reference, patterns, returns, status, extended);
    }

    private static List<StatusItem> statusItems(Cursor c) {
        c.expect('(');
        List<StatusItem> items = new ArrayList<>();
        do {
            String a = c.atom().toUpperCase(Locale.ROOT);
            try {
                items.add(StatusItem.valueOf(a));
            } catch (IllegalArgumentException e) {
                throw new SyntaxException("unknown STATUS item");
            }
        } while (c.trySp());
        c.expect(')');
        return items;
    }

    private static ImapCommand append(Cursor c) {
        c.sp();
        String mb = c.astring();
        List<AppendMessage> messages = new ArrayList<>();
        while (!c.atEnd()) {
            c.sp();
            List<String> flags = List.of();
            OffsetDateTime date = null;
            if (c.peek() == '(') {
                flags = flagList(c);
                c.sp();
            }
            if (c.peek() == '"') {
                date = dateTime(c);
                c.sp();
            }
            messages.add(appendData(c, flags, date));
        }
        if (messages.isEmpty()) throw new SyntaxException("APPEND needs a message literal");
        return new ImapCommand.Append(mb, messages);
    }

    /**
     * append-data: a literal, an RFC 3516 literal8 {@code ~{n}}, or RFC 6855 §4
     * {@code UTF8 (~{n})} (a literal8 inside the UTF8 wrapper).
     */
    private static AppendMessage appendData(Cursor c, List<String> flags, OffsetDateTime date) {
        boolean utf8 = false;
        if (c.peekWord().equalsIgnoreCase("UTF8")) {
            c.atom();
            c.sp();
            c.expect('(');
            utf8 = true;
        }
        boolean binary = c.tryChar('~');
        if (utf8 && !binary) throw new SyntaxException("UTF8 data needs a literal8");
        int index = c.literalIndexHere();
        ImapInput.Literal lit = c.literal(index);
        if (utf8) c.expect(')');
        return new AppendMessage(flags, date, index, lit.size(), binary, utf8);
    }

    private static ImapCommand setQuota(Cursor c) {
        c.sp();
        String root = c.astring();
        c.sp();
        c.expect('(');
        Map<String, Long> limits = new LinkedHashMap<>();
        if (!c.tryChar(')')) {
            do {
                String res = c.atom().toUpperCase(Locale.ROOT);
                c.sp();
                limits.put(res, c.number());
            } while (c.trySp());
            c.expect(')');
        }
        return new ImapCommand.SetQuota(root, limits);
    }

    private static List<String> flagList(Cursor c) {
        c.expect('(');
        List<String> flags = new ArrayList<>();
        if (!c.tryChar(')')) {
            do {
                flags.add(c.flag());
            } while (c.trySp());
            c.expect(')');
        }
        return flags;
    }

    private static ImapCommand store(Cursor c, boolean uid) {
        c.sp();
        SequenceSet set = c.sequenceSet();
        c.sp();
        long unchangedSince = storeModifiers(c);
        String item = c.atom().toUpperCase(Locale.ROOT);
        ImapCommand.StoreMode mode = ImapCommand.StoreMode.REPLACE;
        if (item.startsWith("+")) {
            mode = ImapCommand.StoreMode.ADD;
            item = item.substring(1);
        } else if (item.startsWith("-")) {
            mode = ImapCommand.StoreMode.REMOVE;
            item = item.substring(1);
        }
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) throw new SyntaxException("unknown STORE item");
        c.sp();
        List<String> flags;
        if (c.peek() == '(') {
            flags = flagList(c);
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(c.flag());
            } while (c.trySp());
        }
        return new ImapCommand.Store(uid, set, mode, silent, flags, unchangedSince);
    }

    // ---------------------------------------------------------------- FETCH (RFC 9051 §6.4.5)

    private ImapCommand fetch(Cursor c, boolean uid) {
        c.sp();
        SequenceSet set = c.sequenceSet();
        c.sp();
        List<FetchItem> items = new ArrayList<>();
        if (c.tryChar('(')) {
            do {
                items.add(fetchItem(c));
            } while (c.trySp());
            c.expect(')');
        } else {
            String word = c.peekWord().toUpperCase(Locale.ROOT);
            switch (word) {
                case "ALL" -> {
                    c.atom();
                    items.addAll(List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Rfc822Size(), new FetchItem.Envelope()));
                }
                case "FAST" -> {
                    c.atom();
                    items.addAll(List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Rfc822Size()));
                }
                case "FULL" -> {
                    c.atom();
                    items.addAll(List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Rfc822Size(),
                            new FetchItem.Envelope(), new FetchItem.Structure(false)));
                }
                default -> items.add(fetchItem(c));
            }
        }
        if (!c.atEnd()) return fetchModifiers(c, uid, set, items);
        return new ImapCommand.Fetch(uid, set, items);
    }

    private static FetchItem fetchItem(Cursor c) {
        String name = c.fetchAtt().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ENVELOPE" -> new FetchItem.Envelope();
            case "FLAGS" -> new FetchItem.Flags();
            case "INTERNALDATE" -> new FetchItem.InternalDate();
            case "RFC822.SIZE" -> new FetchItem.Rfc822Size();
            case "UID" -> new FetchItem.Uid();
            case "MODSEQ" -> new FetchItem.Modseq();
            case "BODYSTRUCTURE" -> new FetchItem.Structure(true);
            case "RFC822" -> new FetchItem.Rfc822(FetchItem.Rfc822Part.WHOLE);
            case "RFC822.HEADER" -> new FetchItem.Rfc822(FetchItem.Rfc822Part.HEADER);
            case "RFC822.TEXT" -> new FetchItem.Rfc822(FetchItem.Rfc822Part.TEXT);
            case "BODY", "BODY.PEEK" -> {
                if (c.peek() != '[') {
                    if (name.equals("BODY.PEEK")) throw new SyntaxException("BODY.PEEK needs a section");
                    yield new FetchItem.Structure(false);
                }
                yield new FetchItem.Body(section(c), name.equals("BODY.PEEK"));
            }
            case "BINARY", "BINARY.PEEK", "BINARY.SIZE" -> binaryItem(c, name);
            default -> throw new SyntaxException("unknown FETCH item");
        };
    }

    /**
     * RFC 3516 §4.2 / RFC 9051 §6.4.5: {@code BINARY[part]<partial>}, {@code BINARY.PEEK[...]},
     * {@code BINARY.SIZE[part]}; section-binary holds part numbers only.
     */
    private static FetchItem binaryItem(Cursor c, String name) {
        c.expect('[');
        List<Integer> path = new ArrayList<>();
        if (!c.tryChar(']')) {
            do {
                long n = c.number();
                if (n < 1 || n > 100_000) throw new SyntaxException("bad section part number");
                path.add((int) n);
            } while (c.tryChar('.'));
            c.expect(']');
        }
        if (name.equals("BINARY.SIZE")) return new FetchItem.BinarySize(path);
        BodySection.Partial partial = null;
        if (c.tryChar('<')) {
            long origin = c.number();
            c.expect('.');
            long count = c.number();
            if (count < 1) throw new SyntaxException("partial count must be at least 1");
            c.expect('>');
            partial = new BodySection.Partial(origin, count);
        }
        return new FetchItem.Binary(new BodySection(path, BodySection.Kind.CONTENT, List.of(), partial), name.equals("BINARY.PEEK"));
    }

    private static BodySection section(Cursor c) {
        c.expect('[');
        List<Integer> path = new ArrayList<>();
        BodySection.Kind kind = BodySection.Kind.CONTENT;
        List<String> fields = List.of();
        if (!c.tryChar(']')) {
            while (c.peek() >= '0' && c.peek() <= '9') {
                long n = c.number();
                if (n < 1 || n > 100_000) throw new SyntaxException("bad section part number");
                path.add((int) n);
                if (!c.tryChar('.')) break;
            }
            if (c.peek() != ']') {
                String text = c.sectionWord().toUpperCase(Locale.ROOT);
                switch (text) {
                    case "HEADER" -> kind = BodySection.Kind.HEADER;
                    case "TEXT" -> kind = BodySection.Kind.TEXT;
                    case "MIME" -> {
                        if (path.isEmpty()) throw new SyntaxException("MIME needs a part number");
                        kind = BodySection.Kind.MIME;
                    }
                    case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                        kind = text.endsWith(".NOT") ? BodySection.Kind.HEADER_FIELDS_NOT : BodySection.Kind.HEADER_FIELDS;
                        c.sp();
                        c.expect('(');
                        List<String> names = new ArrayList<>();
                        do {
                            names.add(c.astring());
                        } while (c.trySp());
                        c.expect(')');
                        fields = names;
                    }
                    default -> throw new SyntaxException("unknown section");
                }
            }
            c.expect(']');
        }
        BodySection.Partial partial = null;
        if (c.tryChar('<')) {
            long origin = c.number();
            c.expect('.');
            long count = c.number();
            if (count < 1) throw new SyntaxException("partial count must be at least 1");
            c.expect('>');
            partial = new BodySection.Partial(origin, count);
        }
        return new BodySection(path, kind, fields, partial);
    }

    // ---------------------------------------------------------------- SEARCH (RFC 9051 §6.4.4)

    private ImapCommand search(Cursor c, boolean uid) {
        c.sp();
        List<String> returns = new ArrayList<>();
        boolean returnGiven = false;
        if (c.peekWord().equalsIgnoreCase("RETURN")) {
            c.atom();
            returnGiven = true;
            c.sp();
            c.expect('(');
            if (!c.tryChar(')')) {
                do {
                    returns.add(searchReturnOption(c));
                } while (c.trySp());
                c.expect(')');
            }
            c.sp();
        }
        Charset charset = StandardCharsets.UTF_8;
        String charsetName = null;
        if (c.peekWord().equalsIgnoreCase("CHARSET")) {
            c.atom();
            c.sp();
            charsetName = c.astring();
            switch (SearchCharset.of(charsetName)) {
                case SearchCharset.Ok ok -> charset = ok.charset();
                case SearchCharset.Bad bad -> throw new BadCharsetException();
            }
            c.sp();
        }
        c.charset = charset;
        c.charsetGiven = charsetName != null;
        List<SearchKey> keys = new ArrayList<>();
        do {
            keys.add(searchKey(c, 0));
        } while (c.trySp());
        SearchKey key = keys.size() == 1 ? keys.getFirst() : new SearchKey.And(keys);
        return new ImapCommand.Search(uid, charsetName, key, returns, returnGiven);
    }

    /** search-return-opt of RFC 4731 §3.1 and RFC 5182 §4 (SAVE); anything else is BAD. */
    private static String searchReturnOption(Cursor c) {
        String o = c.atom().toUpperCase(Locale.ROOT);
        if (!Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE").contains(o)) throw new SyntaxException("unknown SEARCH RETURN option");
        return o;
    }

    private SearchKey searchKey(Cursor c, int depth) {
        if (depth >= maxDepth) throw new SyntaxException("search program too deeply nested");
        int p = c.peek();
        if (p == '(') {
            c.expect('(');
            List<SearchKey> keys = new ArrayList<>();
            do {
                keys.add(searchKey(c, depth + 1));
            } while (c.trySp());
            c.expect(')');
            return keys.size() == 1 ? keys.getFirst() : new SearchKey.And(keys);
        }
        if ((p >= '0' && p <= '9') || p == '*' || p == '$') return new SearchKey.Sequence(c.sequenceSet());
        String word = c.atom().toUpperCase(Locale.ROOT);
        return switch (word) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> flag(SearchKey.SystemFlag.ANSWERED, true);
            case "DELETED" -> flag(SearchKey.SystemFlag.DELETED, true);
            case "DRAFT" -> flag(SearchKey.SystemFlag.DRAFT, true);
            case "FLAGGED" -> flag(SearchKey.SystemFlag.FLAGGED, true);
            case "SEEN" -> flag(SearchKey.SystemFlag.SEEN, true);
            case "RECENT" -> flag(SearchKey.SystemFlag.RECENT, true);
            case "UNANSWERED" -> flag(SearchKey.SystemFlag.ANSWERED, false);
            case "UNDELETED" -> flag(SearchKey.SystemFlag.DELETED, false);
            case "UNDRAFT" -> flag(SearchKey.SystemFlag.DRAFT, false);
            case "UNFLAGGED" -> flag(SearchKey.SystemFlag.FLAGGED, false);
            case "UNSEEN" -> flag(SearchKey.SystemFlag.SEEN, false);
            case "NEW" -> new SearchKey.New();
            case "OLD" -> new SearchKey.Old();
            case "KEYWORD", "UNKEYWORD" -> {
                c.sp();
                yield new SearchKey.Keyword(c.atom(), word.equals("KEYWORD"));
            }
            case "FROM", "TO", "CC", "BCC", "SUBJECT" -> {
                c.sp();
                yield new SearchKey.AddressOrSubject(SearchKey.HeaderKind.valueOf(word), c.searchString());
            }
            case "HEADER" -> {
                c.sp();
                String field = c.astring();
                c.sp();
                yield new SearchKey.Header(field, c.searchString());
            }
            case "BODY" -> {
                c.sp();
                yield new SearchKey.Body(c.searchString());
            }
            case "TEXT" -> {
                c.sp();
                yield new SearchKey.Text(c.searchString());
            }
            case "BEFORE", "ON", "SINCE" -> {
                c.sp();
                yield new SearchKey.Date(SearchKey.DateField.INTERNAL, SearchKey.DateOp.valueOf(word), date(c));
            }
            case "SENTBEFORE", "SENTON", "SENTSINCE" -> {
                c.sp();
                yield new SearchKey.Date(SearchKey.DateField.SENT, SearchKey.DateOp.valueOf(word.substring(4)), date(c));
            }
            case "LARGER", "SMALLER" -> {
                c.sp();
                yield new SearchKey.Size(word.equals("LARGER"), c.number());
            }
            case "UID" -> {
                c.sp();
                yield new SearchKey.Uid(c.sequenceSet());
            }
            case "MODSEQ" -> searchModseq(c);
            case "NOT" -> {
                c.sp();
                yield new SearchKey.Not(searchKey(c, depth + 1));
            }
            case "OR" -> {
                c.sp();
                SearchKey a = searchKey(c, depth + 1);
                c.sp();
                yield new SearchKey.Or(a, searchKey(c, depth + 1));
            }
            default -> throw new SyntaxException("unknown search key");
        };
    }

    private static SearchKey flag(SearchKey.SystemFlag f, boolean set) {
        return new SearchKey.Flag(f, set);
    }

    /** date = date-text / DQUOTE date-text DQUOTE; date-text = date-day "-" date-month "-" date-year. */
    private static LocalDate date(Cursor c) {
        boolean quoted = c.tryChar('"');
        String text = c.atom();
        if (quoted) c.expect('"');
        String[] p = text.split("-");
        if (p.length != 3 || p[0].isEmpty() || p[0].length() > 2 || p[2].length() != 4) throw new SyntaxException("bad date");
        try {
            return LocalDate.of(digits(p[2]), month(p[1]), digits(p[0]));
        } catch (NumberFormatException | DateTimeException e) {
            throw new SyntaxException("bad date");
        }
    }

    /**
     * The value of ASCII digits: date-day, date-year, time and zone are DIGITs (RFC 9051 §9);
     * Integer.parseInt would also take a sign and other scripts' digits.
     */
    private static int digits(String d) {
        if (d.isEmpty() || !d.chars().allMatch(ch -> ch >= '0' && ch <= '9')) throw new NumberFormatException();
        return Integer.parseInt(d);
    }

    private static int month(String m) {
        int i = m.length() == 3 ? MONTHS.indexOf(m.toUpperCase(Locale.ROOT)) : -1;
        if (i < 0 || i % 3 != 0) throw new SyntaxException("bad month");
        return i / 3 + 1;
    }

    /** date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE (RFC 9051 §9). */
    private static OffsetDateTime dateTime(Cursor c) {
        String s = c.quoted();
        if (s.length() == 26 && s.charAt(0) == ' ') s = "0" + s.substring(1);
        if (s.length() == 25) s = "0" + s; // one-digit day, lenient
        if (s.length() != 26 || s.charAt(2) != '-' || s.charAt(6) != '-' || s.charAt(11) != ' ' || s.charAt(20) != ' ') {
            throw new SyntaxException("bad date-time");
        }
        try {
            int day = digits(s.substring(0, 2));
            int mon = month(s.substring(3, 6));
            int year = digits(s.substring(7, 11));
            int hh = digits(s.substring(12, 14));
            int mm = digits(s.substring(15, 17));
            int ss = digits(s.substring(18, 20));
            if (s.charAt(14) != ':' || s.charAt(17) != ':') throw new SyntaxException("bad time");
            char sign = s.charAt(21);
            if (sign != '+' && sign != '-') throw new SyntaxException("bad zone");
            String z = s.substring(22, 26);
            int zh = digits(z.substring(0, 2));
            int zm = digits(z.substring(2, 4));
            ZoneOffset off = ZoneOffset.ofHoursMinutes(sign == '-' ? -zh : zh, sign == '-' ? -zm : zm);
            return OffsetDateTime.of(LocalDateTime.of(year, mon, day, hh, mm, ss), off);
        } catch (NumberFormatException | DateTimeException e) {
            throw new SyntaxException("bad date-time");
        }
    }

    // ---------------------------------------------------------------- CONDSTORE / QRESYNC (RFC 7162 §7)

    /**
     * {@code select-params = SP "(" select-param *(SP select-param) ")"} after the mailbox:
     * {@code CONDSTORE} (§3.1.8) and {@code QRESYNC (...)} (§3.2.5), each at most once.
     */
    private static ImapCommand.Select selectParams(Cursor c, String mailbox, boolean examine) {
        if (c.atEnd()) return new ImapCommand.Select(mailbox, examine);
        c.sp();
        c.expect('(');
        boolean condstore = false;
        ImapCommand.Qresync qresync = null;
        do {
            String p = c.atom().toUpperCase(Locale.ROOT);
            switch (p) {
                case "CONDSTORE" -> {
                    if (condstore) throw new SyntaxException("CONDSTORE given twice");
                    condstore = true;
                }
                case "QRESYNC" -> {
                    if (qresync != null) throw new SyntaxException("QRESYNC given twice");
                    c.sp();
                    qresync = qresyncParam(c);
                }
                default -> throw new SyntaxException("unknown SELECT parameter");
            }
        } while (c.trySp());
        c.expect(')');
        return new ImapCommand.Select(mailbox, examine, condstore, qresync);
    }

    /**
     * {@code "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"}
     * (RFC 7162 §3.2.5, §7); {@code *} is not allowed in known-uids nor seq-match-data, and the two
     * sets of seq-match-data must name as many messages each.
     */
    private static ImapCommand.Qresync qresyncParam(Cursor c) {
        c.expect('(');
        long uidValidity = c.number();
        if (uidValidity < 1 || uidValidity > 0xffffffffL) throw new SyntaxException("bad UIDVALIDITY");
        c.sp();
        long modseq = modseqValue(c, false);
        SequenceSet known = null;
        SequenceSet seqs = null;
        SequenceSet uids = null;
        boolean more = c.trySp();
        if (more && c.peek() != '(') {
            known = setWithoutStar(c);
            more = c.trySp();
        }
        if (more) {
            c.expect('(');
            seqs = setWithoutStar(c);
            c.sp();
            uids = setWithoutStar(c);
            c.expect(')');
            if (count(seqs) != count(uids)) throw new SyntaxException("seq-match-data sets differ in size");
        }
        c.expect(')');
        return new ImapCommand.Qresync(uidValidity, modseq, known, seqs, uids);
    }

    private static SequenceSet setWithoutStar(Cursor c) {
        SequenceSet set = c.sequenceSet();
        for (SequenceSet.Range r : set.ranges()) {
            if (r.from() == SequenceSet.STAR || r.to() == SequenceSet.STAR) throw new SyntaxException("'*' is not allowed here");
        }
        return set;
    }

    private static long count(SequenceSet set) {
        long n = 0;
        for (SequenceSet.Range r : set.ranges()) n += Math.abs(r.to() - r.from()) + 1;
        return n;
    }

    /** mod-sequence-value (1 .. 2^63-1), or mod-sequence-valzer (also 0) when {@code zero}. */
    private static long modseqValue(Cursor c, boolean zero) {
        long n = c.number();
        if (n < 1 && !zero) throw new SyntaxException("mod-sequence must be at least 1");
        return n;
    }

    /**
     * {@code fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"}: {@code CHANGEDSINCE
     * n} (RFC 7162 §3.1.4) and {@code VANISHED} (§3.2.6: UID FETCH only, with CHANGEDSINCE).
     */
    private static ImapCommand.Fetch fetchModifiers(Cursor c, boolean uid, SequenceSet set, List<FetchItem> items) {
        c.sp();
        c.expect('(');
        long changedSince = -1;
        boolean vanished = false;
        do {
            String m = c.atom().toUpperCase(Locale.ROOT);
            switch (m) {
                case "CHANGEDSINCE" -> {
                    if (changedSince >= 0) throw new SyntaxException("CHANGEDSINCE given twice");
                    c.sp();
                    changedSince = modseqValue(c, false);
                }
                case "VANISHED" -> {
                    if (vanished) throw new SyntaxException("VANISHED given twice");
                    vanished = true;
                }
                default -> throw new SyntaxException("unknown FETCH modifier");
            }
        } while (c.trySp());
        c.expect(')');
        if (vanished && !uid) throw new SyntaxException("VANISHED needs UID FETCH");
        if (vanished && changedSince < 0) throw new SyntaxException("VANISHED needs CHANGEDSINCE");
        return new ImapCommand.Fetch(uid, set, items, changedSince, vanished);
    }

    /**
     * {@code store-modifiers = "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")" SP} before the
     * store item (RFC 7162 §3.1.3); -1 when absent.
     */
    private static long storeModifiers(Cursor c) {
        if (c.peek() != '(') return -1;
        c.expect('(');
        long unchangedSince = -1;
        do {
            if (!c.atom().equalsIgnoreCase("UNCHANGEDSINCE")) throw new SyntaxException("unknown STORE modifier");
            if (unchangedSince >= 0) throw new SyntaxException("UNCHANGEDSINCE given twice");
            c.sp();
            unchangedSince = modseqValue(c, true);
        } while (c.trySp());
        c.expect(')');
        c.sp();
        return unchangedSince;
    }

    /**
     * {@code search-modsequence = "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer}
     * (RFC 7162 §3.1.5); entry-name is {@code "/flags/" attr-flag} in quotes, entry-type-req one of
     * {@code priv}, {@code shared}, {@code all} (kept lower-case).
     */
    private static SearchKey searchModseq(Cursor c) {
        c.sp();
        String entry = null;
        String type = null;
        if (c.peek() == '"') {
            entry = c.quoted();
            if (entry.length() <= 7 || !entry.regionMatches(true, 0, "/flags/", 0, 7)) throw new SyntaxException("bad MODSEQ entry name");
            c.sp();
            type = c.atom().toLowerCase(Locale.ROOT);
            if (!Set.of("priv", "shared", "all").contains(type)) throw new SyntaxException("bad MODSEQ entry type");
            c.sp();
        }
        return new SearchKey.Modseq(entry, type, modseqValue(c, true));
    }

    // ---------------------------------------------------------------- tokenizer

    /** A syntax error; the message is the BAD text. */
    static final class SyntaxException extends RuntimeException {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class BadCharsetException extends RuntimeException {
        BadCharsetException() {
            super(null, null, false, false);
        }
    }

    /** Reading position over the lines and literals of one command. */
    private static final class Cursor {
        private final ImapInput in;
        private int line;
        private int pos;
        private Charset charset = StandardCharsets.UTF_8;
        private boolean charsetGiven;

        Cursor(ImapInput in) {
            this.in = in;
        }

        private byte[] cur() {
            return in.lines().get(line);
        }

        int peek() {
            byte[] l = cur();
            return pos < l.length ? l[pos] & 0xff : -1;
        }

        boolean atEnd() {
            return pos >= cur().length && line == in.lines().size() - 1;
        }

        void end() {
            if (!atEnd()) throw new SyntaxException("unexpected characters at the end of the command");
        }

        void sp() {
            if (!trySp()) throw new SyntaxException("expected a space");
        }

        boolean trySp() {
            return tryChar(' ');
        }

        boolean tryChar(char ch) {
            if (peek() == ch) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char ch) {
            if (!tryChar(ch)) throw new SyntaxException("expected '" + ch + "'");
        }

        boolean tryWord(String w) {
            String next = peekWord();
            if (next.equalsIgnoreCase(w)) {
                pos += next.length();
                return true;
            }
            return false;
        }

        /** The atom at the cursor without consuming it ("" when none). */
        String peekWord() {
            int save = pos;
            StringBuilder b = new StringBuilder();
            while (isAtomChar(peek())) {
                b.append((char) peek());
                pos++;
            }
            pos = save;
            return b.toString();
        }

        String tag() {
            StringBuilder b = new StringBuilder();
            int p;
            while ((p = peek()) >= 0 && (isAtomChar(p) || p == ']') && p != '+') {
                b.append((char) p);
                pos++;
            }
            if (b.isEmpty()) throw new SyntaxException("missing tag");
            return b.toString();
        }

        String atom() {
            StringBuilder b = new StringBuilder();
            while (isAtomChar(peek())) {
                b.append((char) peek());
                pos++;
            }
            if (b.isEmpty()) throw new SyntaxException("expected an atom");
            return b.toString();
        }

        /** A fetch attribute name: atom characters but stop at '[' (BODY[...]). */
        String fetchAtt() {
            StringBuilder b = new StringBuilder();
            int p;
            while ((p = peek()) >= 0 && isAtomChar(p) && p != '[' && p != '<') {
                b.append((char) p);
                pos++;
            }
            if (b.isEmpty()) throw new SyntaxException("expected a FETCH item");
            return b.toString();
        }

        /** HEADER / TEXT / MIME / HEADER.FIELDS[.NOT] inside a section. */
        String sectionWord() {
            StringBuilder b = new StringBuilder();
            int p;
            while ((p = peek()) >= 0 && (Character.isLetter(p) || p == '.')) {
                b.append((char) p);
                pos++;
            }
            if (b.isEmpty()) throw new SyntaxException("bad section");
            return b.toString();
        }

        /** flag = "\" atom / keyword; also "\*" (PERMANENTFLAGS form is refused later by the session). */
        String flag() {
            if (tryChar('\\')) {
                if (tryChar('*')) return "\\*";
                return "\\" + atom();
            }
            return atom();
        }

        long number() {
            StringBuilder b = new StringBuilder();
            while (peek() >= '0' && peek() <= '9') {
                b.append((char) peek());
                pos++;
            }
            if (b.isEmpty() || b.length() > 19) throw new SyntaxException("expected a number");
            try {
                return Long.parseLong(b.toString());
            } catch (NumberFormatException e) {
                throw new SyntaxException("number too large");
            }
        }

        /** The rest of the current line (AUTHENTICATE's initial response). */
        String rest() {
            byte[] l = cur();
            String s = new String(l, pos, l.length - pos, StandardCharsets.US_ASCII);
            pos = l.length;
            return s;
        }

        SequenceSet sequenceSet() {
            if (tryChar('$')) return SequenceSet.savedResult(); // RFC 5182 §4 seq-last-command
            List<SequenceSet.Range> ranges = new ArrayList<>();
            do {
                long a = seqNumber();
                long b = a;
                if (tryChar(':')) b = seqNumber();
                ranges.add(new SequenceSet.Range(a, b));
                if (ranges.size() > 100_000) throw new SyntaxException("sequence set too long");
            } while (tryChar(','));
            return new SequenceSet(ranges);
        }

        private long seqNumber() {
            if (tryChar('*')) return SequenceSet.STAR;
            if (peek() < '1' || peek() > '9') throw new SyntaxException("bad sequence set");
            long n = number();
            if (n > 0xffffffffL) throw new SyntaxException("sequence number too large");
            return n;
        }

        String astring() {
            int p = peek();
            if (p == '"' || p == '{') return string();
            StringBuilder b = new StringBuilder();
            while (isAtomChar(peek()) || peek() == ']') {
                b.append((char) peek());
                pos++;
            }
            if (b.isEmpty()) throw new SyntaxException("expected a string");
            return b.toString();
        }

        String nstring() {
            if (tryWord("NIL")) return null;
            return string();
        }

        String string() {
            int p = peek();
            if (p == '"') return quoted();
            if (p == '{') return new String(literalBytes(), StandardCharsets.UTF_8);
            throw new SyntaxException("expected a string");
        }

        /** A SEARCH string, decoded with the command's CHARSET. */
        String searchString() {
            int p = peek();
            if (p == '{') return searchText(literalBytes());
            if (p == '"') return searchText(quotedBytes());
            return astring();
        }

        /**
         * Without a CHARSET, search strings are UTF-8 (RFC 9051 §6.4.4, RFC 6855 §3); octets that
         * are not valid UTF-8 are taken as ISO-8859-1, as Jakarta Mail (Angus 2.0.5) sends them
         * after ENABLE UTF8=ACCEPT, rather than turned into U+FFFD that matches nothing.
         */
        private String searchText(byte[] b) {
            if (charsetGiven) return new String(b, charset);
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return new String(b, StandardCharsets.ISO_8859_1);
            }
        }

        String quoted() {
            return new String(quotedBytes(), StandardCharsets.UTF_8);
        }

        byte[] quotedBytes() {
            expect('"');
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            while (true) {
                int p = peek();
                if (p < 0) throw new SyntaxException("unterminated quoted string");
                pos++;
                if (p == '"') return b.toByteArray();
                if (p == '\\') {
                    int q = peek();
                    if (q != '"' && q != '\\') throw new SyntaxException("bad escape in quoted string");
                    pos++;
                    b.write(q);
                } else if (p == 0) {
                    throw new SyntaxException("NUL in quoted string");
                } else {
                    b.write(p);
                }
            }
        }

        /** The index of the literal announced here ({n} or {n+} at the end of the line); moves to the next line. */
        int literalIndexHere() {
            expect('{');
            while (peek() >= '0' && peek() <= '9') pos++;
            tryChar('+');
            expect('}');
            if (pos != cur().length || line >= in.literals().size()) throw new SyntaxException("literal not at the end of a line");
            int index = line;
            line++;
            pos = 0;
            return index;
        }

        ImapInput.Literal literal(int index) {
            return in.literals().get(index);
        }

        byte[] literalBytes() {
            int index = literalIndexHere();
            if (!(in.literals().get(index) instanceof ImapInput.Literal.Bytes(byte[] data))) {
                throw new SyntaxException("unexpected message literal");
            }
            return data;
        }

        /** list-mailbox = 1*list-char / string (RFC 9051 §9). */
        String listMailbox() {
            int p = peek();
            if (p == '"' || p == '{') return string();
            StringBuilder b = new StringBuilder();
            while (isAtomChar(peek()) || peek() == '%' || peek() == '*' || peek() == ']') {
                b.append((char) peek());
                pos++;
            }
            if (b.isEmpty()) throw new SyntaxException("expected a mailbox pattern");
            return b.toString();
        }

        /** ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ] (RFC 9051 §9). */
        static boolean isAtomChar(int c) {
            if (c <= 0x20 || c >= 0x7f) return false;
            return switch (c) {
                case '(', ')', '{', '%', '*', '"', '\\', ']' -> false;
                default -> true;
            };
        }
    }
}
