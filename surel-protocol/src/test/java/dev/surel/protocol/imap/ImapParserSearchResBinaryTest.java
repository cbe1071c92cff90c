package dev.surel.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.ImapCommand.AppendMessage;
import dev.surel.protocol.imap.SequenceSet.Range;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of the parser for the issue 7 extensions of this slice: RFC 4731 SEARCH RETURN,
 * RFC 5182 {@code $}, RFC 3516 BINARY items and literal8 in APPEND, RFC 6855 §4 APPEND UTF8.
 */
class ImapParserSearchResBinaryTest {

    private final ImapParser parser = new ImapParser(8);

    private static final SequenceSet SAVED = SequenceSet.savedResult();

    private static BodySection part(Integer... path) {
        return new BodySection(List.of(path), BodySection.Kind.CONTENT, List.of(), null);
    }

    static Stream<Arguments> good() {
        return Stream.of(
                // RFC 5182 §4: seq-last-command "$" wherever a sequence-set goes
                Arguments.of("a FETCH $ (UID INTERNALDATE FLAGS RFC822.SIZE)", new ImapCommand.Fetch(false, SAVED,
                        List.of(new FetchItem.Uid(), new FetchItem.InternalDate(), new FetchItem.Flags(), new FetchItem.Rfc822Size()))),
                Arguments.of("a UID FETCH $ FLAGS", new ImapCommand.Fetch(true, SAVED, List.of(new FetchItem.Flags()))),
                Arguments.of("a STORE $ +FLAGS (\\Deleted)", new ImapCommand.Store(false, SAVED, ImapCommand.StoreMode.ADD, false, List.of("\\Deleted"))),
                Arguments.of("a UID COPY $ Trash", new ImapCommand.Copy(true, SAVED, "Trash")),
                Arguments.of("a MOVE $ Archive", new ImapCommand.Move(false, SAVED, "Archive")),
                Arguments.of("a UID EXPUNGE $", new ImapCommand.Expunge(SAVED)),
                Arguments.of("a SEARCH $ SMALLER 4096", new ImapCommand.Search(false, null, new SearchKey.And(List.of(
                        new SearchKey.Sequence(SAVED), new SearchKey.Size(false, 4096))), List.of(), false)),
                Arguments.of("a UID SEARCH UID $ NOT SEEN", new ImapCommand.Search(true, null, new SearchKey.And(List.of(
                        new SearchKey.Uid(SAVED), new SearchKey.Not(new SearchKey.Flag(SearchKey.SystemFlag.SEEN, true)))), List.of(), false)),
                // RFC 4731 §3.1 / RFC 5182 §2.1 return options
                Arguments.of("a SEARCH RETURN (MIN COUNT) FLAGGED", new ImapCommand.Search(false, null,
                        new SearchKey.Flag(SearchKey.SystemFlag.FLAGGED, true), List.of("MIN", "COUNT"), true)),
                Arguments.of("a UID SEARCH RETURN (save max) ALL", new ImapCommand.Search(true, null, new SearchKey.All(), List.of("SAVE", "MAX"), true)),
                Arguments.of("a SEARCH RETURN () ALL", new ImapCommand.Search(false, null, new SearchKey.All(), List.of(), true)),
                // RFC 3516 §4.2 / §4.3
                Arguments.of("a FETCH 1 (BINARY.PEEK[1.2] BINARY.SIZE[1.2])", new ImapCommand.Fetch(false, SequenceSet.of(Range.single(1)),
                        List.of(new FetchItem.Binary(part(1, 2), true), new FetchItem.BinarySize(List.of(1, 2))))),
                Arguments.of("a UID FETCH 7 BINARY[]", new ImapCommand.Fetch(true, SequenceSet.of(Range.single(7)),
                        List.of(new FetchItem.Binary(part(), false)))),
                Arguments.of("a FETCH 1 binary[3]<100.50>", new ImapCommand.Fetch(false, SequenceSet.of(Range.single(1)),
                        List.of(new FetchItem.Binary(new BodySection(List.of(3), BodySection.Kind.CONTENT, List.of(),
                                new BodySection.Partial(100, 50)), false)))),
                Arguments.of("a FETCH 1 BINARY.SIZE[]", new ImapCommand.Fetch(false, SequenceSet.of(Range.single(1)),
                        List.of(new FetchItem.BinarySize(List.of())))),
                Arguments.of("a ENABLE UTF8=ACCEPT", new ImapCommand.Enable(List.of("UTF8=ACCEPT"))));
    }

    @ParameterizedTest
    @MethodSource("good")
    void parses(String line, ImapCommand expected) {
        assertThat(parser.parse(ImapInput.of(line))).isEqualTo(new ParseResult.Ok("a", expected));
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("a FETCH $,1 FLAGS", "expected a space"), // "$" stands alone (RFC 5182 §4)
                Arguments.of("a FETCH 1:$ FLAGS", "bad sequence set"),
                Arguments.of("a SEARCH RETURN (FROB) ALL", "unknown SEARCH RETURN option"),
                Arguments.of("a FETCH 1 BINARY[1.HEADER]", "expected a number"),
                Arguments.of("a FETCH 1 BINARY[TEXT]", "expected a number"),
                Arguments.of("a FETCH 1 (BINARY.SIZE[1]<0.10>)", "expected ')'"),
                Arguments.of("a FETCH 1 BINARY", "expected '['"),
                Arguments.of("a FETCH 1 BINARY[0]", "bad section part number"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void refuses(String line, String text) {
        assertThat(parser.parse(ImapInput.of(line))).isEqualTo(new ParseResult.Bad("a", text));
    }

    @Test
    void appendLiteral8AndUtf8() {
        // RFC 3516 §4.4: APPEND with a literal8
        ImapInput bin = new ImapInput(List.of("a APPEND INBOX (\\Seen) ~{12}".getBytes(), new byte[0]),
                List.of(new ImapInput.Literal.Spooled(12)));
        assertThat(parser.parse(bin)).isEqualTo(new ParseResult.Ok("a", new ImapCommand.Append("INBOX", List.of(
                new AppendMessage(List.of("\\Seen"), null, 0, 12, true, false)))));
        // RFC 6855 §4: UTF8 (~{n}), here with MULTIAPPEND after a plain literal
        ImapInput utf8 = new ImapInput(List.of("a APPEND INBOX {3}".getBytes(), " UTF8 (~{40+}".getBytes(), ")".getBytes()),
                List.of(new ImapInput.Literal.Spooled(3), new ImapInput.Literal.Spooled(40)));
        assertThat(parser.parse(utf8)).isEqualTo(new ParseResult.Ok("a", new ImapCommand.Append("INBOX", List.of(
                new AppendMessage(List.of(), null, 0, 3, false, false), new AppendMessage(List.of(), null, 1, 40, true, true)))));
        // the UTF8 wrapper holds a literal8 only, and must be closed
        ImapInput plainInUtf8 = new ImapInput(List.of("a APPEND INBOX UTF8 ({3}".getBytes(), ")".getBytes()),
                List.of(new ImapInput.Literal.Spooled(3)));
        assertThat(parser.parse(plainInUtf8)).isEqualTo(new ParseResult.Bad("a", "UTF8 data needs a literal8"));
        ImapInput unclosed = new ImapInput(List.of("a APPEND INBOX UTF8 (~{3}".getBytes(), "".getBytes()),
                List.of(new ImapInput.Literal.Spooled(3)));
        assertThat(parser.parse(unclosed)).isEqualTo(new ParseResult.Bad("a", "expected ')'"));
    }

    @Test
    void searchStringsWithoutCharsetAreUtf8OrElseLatin1() {
        byte[] utf8 = "a SEARCH SUBJECT \"GRÜSSE\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] latin1 = "a SEARCH SUBJECT \"GRÜSSE\"".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ImapCommand want = new ImapCommand.Search(false, null, new SearchKey.AddressOrSubject(SearchKey.HeaderKind.SUBJECT, "GRÜSSE"), List.of(), false);
        assertThat(parser.parse(new ImapInput(List.of(utf8), List.of()))).isEqualTo(new ParseResult.Ok("a", want));
        assertThat(parser.parse(new ImapInput(List.of(latin1), List.of()))).isEqualTo(new ParseResult.Ok("a", want));
    }

    @Test
    void literal8OutsideAppendIsBad() {
        assertThat(parser.parse(ImapInput.of("a LOGIN ~{5}", "alice", " x", ""))).isInstanceOf(ParseResult.Bad.class);
    }

    @Test
    void searchSavesResultReadsTheReturnOptionsOfTheLine() {
        assertThat(ImapParser.searchSavesResult("a SEARCH RETURN (SAVE) CHARSET X-NOPE TEXT x".getBytes())).isTrue();
        assertThat(ImapParser.searchSavesResult("a uid search return (min save) charset x text y".getBytes())).isTrue();
        assertThat(ImapParser.searchSavesResult("a SEARCH RETURN (MIN) CHARSET X TEXT SAVE".getBytes())).isFalse();
        assertThat(ImapParser.searchSavesResult("a SEARCH CHARSET X TEXT SAVE".getBytes())).isFalse();
    }
}
