package dev.surel.protocol.imap;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The arguments of SEARCH and UID SEARCH (RFC 9051 §6.4.4): RETURN options (RFC 4731, RFC 5182
 * SAVE), CHARSET (an unknown one is {@link BadCharsetException}), and the search keys, MODSEQ
 * of RFC 7162 included. Nesting of parentheses, NOT and OR is bounded by {@code maxDepth}.
 */
final class SearchParser {

    private final int maxDepth;

    SearchParser(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** {@code search = "SEARCH" [search-return-opts] [SP "CHARSET" SP charset] 1*(SP search-key)}. */
    ImapCommand search(CommandCursor c, boolean uid) {
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
                    returns.add(returnOption(c));
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
        c.searchCharset(charset, charsetName != null);
        List<SearchKey> keys = new ArrayList<>();
        do {
            keys.add(key(c, 0));
        } while (c.trySp());
        SearchKey key = keys.size() == 1 ? keys.getFirst() : new SearchKey.And(keys);
        return new ImapCommand.Search(uid, charsetName, key, returns, returnGiven);
    }

    /** search-return-opt of RFC 4731 §3.1 and RFC 5182 §4 (SAVE); anything else is BAD. */
    private static String returnOption(CommandCursor c) {
        String o = c.atom().toUpperCase(Locale.ROOT);
        if (!Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE").contains(o)) throw new SyntaxException("unknown SEARCH RETURN option");
        return o;
    }

    private SearchKey key(CommandCursor c, int depth) {
        if (depth >= maxDepth) throw new SyntaxException("search program too deeply nested");
        int p = c.peek();
        if (p == '(') {
            c.expect('(');
            List<SearchKey> keys = new ArrayList<>();
            do {
                keys.add(key(c, depth + 1));
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
                yield new SearchKey.Date(SearchKey.DateField.INTERNAL, SearchKey.DateOp.valueOf(word), DateParser.date(c));
            }
            case "SENTBEFORE", "SENTON", "SENTSINCE" -> {
                c.sp();
                yield new SearchKey.Date(SearchKey.DateField.SENT, SearchKey.DateOp.valueOf(word.substring(4)), DateParser.date(c));
            }
            case "LARGER", "SMALLER" -> {
                c.sp();
                yield new SearchKey.Size(word.equals("LARGER"), c.number());
            }
            case "UID" -> {
                c.sp();
                yield new SearchKey.Uid(c.sequenceSet());
            }
            case "MODSEQ" -> modseq(c);
            case "NOT" -> {
                c.sp();
                yield new SearchKey.Not(key(c, depth + 1));
            }
            case "OR" -> {
                c.sp();
                SearchKey a = key(c, depth + 1);
                c.sp();
                yield new SearchKey.Or(a, key(c, depth + 1));
            }
            default -> throw new SyntaxException("unknown search key");
        };
    }

    private static SearchKey flag(SearchKey.SystemFlag f, boolean set) {
        return new SearchKey.Flag(f, set);
    }

    /**
     * {@code search-modsequence = "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer}
     * (RFC 7162 §3.1.5); entry-name is {@code "/flags/" attr-flag} in quotes, entry-type-req one of
     * {@code priv}, {@code shared}, {@code all} (kept lower-case).
     */
    private static SearchKey modseq(CommandCursor c) {
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
        return new SearchKey.Modseq(entry, type, c.modseq(true));
    }
}
