package dev.surel.protocol.imap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for {@link ImapParser} (docs/fuzzing.md). Without {@code JAZZER_FUZZ} it replays
 * {@code ImapParserFuzzTestInputs/parse}; {@code ./fuzz imap} fuzzes it.
 *
 * <p>The input is what a client sends: lines ending in LF (a CR before it is dropped); a line
 * ending in a literal announcement {@code {n}} / {@code {n+}} is followed by n octets of literal,
 * as the session's command reader collects them (APPEND message literals become spooled
 * literals of that size). Each complete command is parsed.
 *
 * <p>Asserts: {@link ImapParser#parse} never throws; a tag, when read, is atom characters (it
 * goes back into the response); BAD text is short printable ASCII of the parser's own; dates
 * have a four-digit year (RFC 9051 §9 date-year); and an accepted command, written back as a
 * client would send it ({@link CommandWriter}), parses to the same command (parsing is a fixed
 * point). The line helpers the session calls before parsing ({@link ImapParser#peekCommandName},
 * {@link ImapParser#searchSavesResult}) never throw either.
 */
class ImapParserFuzzTest {

    private static final ImapParser PARSER = new ImapParser(8);

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] data) {
        int at = 0;
        while (at < data.length) {
            List<byte[]> lines = new ArrayList<>();
            List<ImapInput.Literal> literals = new ArrayList<>();
            at = readLine(data, at, lines);
            byte[] head = lines.getFirst();
            ImapParser.peekCommandName(head);
            ImapParser.searchSavesResult(head);
            boolean append = "APPEND".equals(ImapParser.peekCommandName(head));
            boolean mailboxLiteral = append && new String(head, StandardCharsets.US_ASCII).split(" ", 3).length == 3
                    && new String(head, StandardCharsets.US_ASCII).split(" ", 3)[2].startsWith("{");
            ImapInput.Announcement a;
            while ((a = ImapInput.Announcement.at(lines.getLast())) != null) {
                if (a.size() > data.length - at || literals.size() >= 20) return; // the client never finished this command
                int n = (int) a.size();
                boolean message = append && !(mailboxLiteral && literals.isEmpty());
                literals.add(message ? new ImapInput.Literal.Spooled(n) : new ImapInput.Literal.Bytes(Arrays.copyOfRange(data, at, at + n)));
                at += n;
                at = readLine(data, at, lines);
            }
            check(new ImapInput(lines, literals));
        }
    }

    private static void check(ImapInput input) {
        ParseResult r = PARSER.parse(input);
        switch (r) {
            case ParseResult.Bad(String tag, String text) -> {
                checkTag(tag);
                check(text != null && !text.isEmpty() && text.length() <= 80
                        && text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), "BAD text: " + text);
            }
            case ParseResult.BadCharset(String tag) -> checkTag(tag);
            case ParseResult.Ok(String tag, ImapCommand c) -> {
                check(tag != null, "no tag");
                checkTag(tag);
                check(c != null, "no command");
                checkDates(c);
                if (c instanceof ImapCommand.Search s && s.charset() != null
                        && !(SearchCharset.of(s.charset()) instanceof SearchCharset.Ok(var cs) && cs.equals(StandardCharsets.UTF_8))) {
                    return; // strings were decoded with another charset; the writer writes UTF-8
                }
                ImapInput again = CommandWriter.write(tag, c);
                ParseResult r2 = PARSER.parse(again);
                check(r2 instanceof ParseResult.Ok(String t2, ImapCommand c2) && t2.equals(tag) && normalized(c2).equals(normalized(c)),
                        "not a fixed point: " + c + "\n written as " + show(again) + "\n parsed as " + r2);
            }
        }
    }

    /** APPEND's literal indexes depend on how the mailbox was written: compare messages by position. */
    private static ImapCommand normalized(ImapCommand c) {
        if (c instanceof ImapCommand.Append(String mb, var messages)) {
            List<ImapCommand.AppendMessage> out = new ArrayList<>();
            for (var m : messages) out.add(new ImapCommand.AppendMessage(m.flags(), m.internalDate(), 0, m.size(), m.binary(), m.utf8()));
            return new ImapCommand.Append(mb, out);
        }
        return c;
    }

    private static void checkDates(ImapCommand c) {
        if (c instanceof ImapCommand.Append a) {
            for (var m : a.messages()) {
                if (m.internalDate() != null) year(m.internalDate().getYear());
            }
        }
        if (c instanceof ImapCommand.Search s) dates(s.key());
    }

    private static void dates(SearchKey k) {
        switch (k) {
            case SearchKey.Date d -> year(d.date().getYear());
            case SearchKey.And a -> a.keys().forEach(ImapParserFuzzTest::dates);
            case SearchKey.Or o -> {
                dates(o.left());
                dates(o.right());
            }
            case SearchKey.Not n -> dates(n.key());
            default -> { }
        }
    }

    private static void year(int y) {
        check(y >= 0 && y <= 9999, "date-year is 4DIGIT, parsed " + y);
    }

    private static void checkTag(String tag) {
        if (tag == null) return;
        check(!tag.isEmpty() && tag.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && "(){%*\"\\+".indexOf(ch) < 0), "tag: " + tag);
    }

    /** Reads a line ending in LF (or the end of input) into {@code lines}; returns where the next one starts. */
    private static int readLine(byte[] data, int from, List<byte[]> lines) {
        int lf = from;
        while (lf < data.length && data[lf] != '\n') lf++;
        int end = lf > from && lf <= data.length && data[lf - 1] == '\r' ? lf - 1 : lf;
        lines.add(Arrays.copyOfRange(data, from, end));
        return Math.min(data.length, lf + 1);
    }

    private static String show(ImapInput in) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < in.lines().size(); i++) {
            b.append(new String(in.lines().get(i), StandardCharsets.UTF_8));
            if (i < in.literals().size()) b.append("<literal ").append(in.literals().get(i).size()).append(">");
        }
        return b.toString();
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
