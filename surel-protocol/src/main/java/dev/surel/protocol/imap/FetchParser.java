package dev.surel.protocol.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of FETCH and UID FETCH (RFC 9051 §6.4.5): the macros ALL / FAST / FULL, the
 * attributes, body sections with partials, RFC 3516 BINARY items and the RFC 7162 modifiers
 * CHANGEDSINCE and VANISHED.
 */
final class FetchParser {

    private FetchParser() { }

    /** {@code fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" ... ")") [fetch-modifiers]}. */
    static ImapCommand fetch(CommandCursor c, boolean uid) {
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

    private static FetchItem fetchItem(CommandCursor c) {
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
    private static FetchItem binaryItem(CommandCursor c, String name) {
        c.expect('[');
        List<Integer> path = new ArrayList<>();
        if (!c.tryChar(']')) {
            do {
                path.add(partNumber(c));
            } while (c.tryChar('.'));
            c.expect(']');
        }
        if (name.equals("BINARY.SIZE")) return new FetchItem.BinarySize(path);
        return new FetchItem.Binary(new BodySection(path, BodySection.Kind.CONTENT, List.of(), partial(c)), name.equals("BINARY.PEEK"));
    }

    /** {@code section = "[" [section-spec] "]"} then an optional partial (RFC 9051 §9). */
    private static BodySection section(CommandCursor c) {
        c.expect('[');
        List<Integer> path = new ArrayList<>();
        BodySection.Kind kind = BodySection.Kind.CONTENT;
        List<String> fields = List.of();
        if (!c.tryChar(']')) {
            while (c.peek() >= '0' && c.peek() <= '9') {
                path.add(partNumber(c));
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
        return new BodySection(path, kind, fields, partial(c));
    }

    /** One section-part number, 1 to 100,000. */
    private static int partNumber(CommandCursor c) {
        long n = c.number();
        if (n < 1 || n > 100_000) throw new SyntaxException("bad section part number");
        return (int) n;
    }

    /** {@code partial = "<" number64 "." nz-number64 ">"}, or null when absent (RFC 9051 §9). */
    private static BodySection.Partial partial(CommandCursor c) {
        if (!c.tryChar('<')) return null;
        long origin = c.number();
        c.expect('.');
        long count = c.number();
        if (count < 1) throw new SyntaxException("partial count must be at least 1");
        c.expect('>');
        return new BodySection.Partial(origin, count);
    }

    /**
     * {@code fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"}: {@code CHANGEDSINCE
     * n} (RFC 7162 §3.1.4) and {@code VANISHED} (§3.2.6: UID FETCH only, with CHANGEDSINCE).
     */
    private static ImapCommand.Fetch fetchModifiers(CommandCursor c, boolean uid, SequenceSet set, List<FetchItem> items) {
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
                    changedSince = c.modseq(false);
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
}
