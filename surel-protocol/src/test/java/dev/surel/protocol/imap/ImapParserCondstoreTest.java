package dev.surel.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.SequenceSet.Range;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of the RFC 7162 (CONDSTORE, QRESYNC) syntax in the IMAP parser (RFC 7162 §7):
 * SELECT/EXAMINE parameters, FETCH and STORE modifiers, the MODSEQ fetch item and search key.
 * The lines are the RFC's examples where it has them.
 */
class ImapParserCondstoreTest {

    private final ImapParser parser = new ImapParser(8);

    private static SequenceSet set(long... fromTo) {
        Range[] r = new Range[fromTo.length / 2];
        for (int i = 0; i < r.length; i++) r[i] = new Range(fromTo[2 * i], fromTo[2 * i + 1]);
        return SequenceSet.of(r);
    }

    private static final long STAR = SequenceSet.STAR;

    private static final List<FetchItem> FLAGS = List.of(new FetchItem.Flags());

    static Stream<Arguments> good() {
        return Stream.of(
                // §3.1.8 example 15
                Arguments.of("a SELECT INBOX (CONDSTORE)", new ImapCommand.Select("INBOX", false, true, null)),
                Arguments.of("a examine Sent (condstore)", new ImapCommand.Select("Sent", true, true, null)),
                // §3.2.5.1 example: uidvalidity, modseq, known-uids
                Arguments.of("a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))",
                        new ImapCommand.Select("INBOX", false, false, new ImapCommand.Qresync(67890007, 20050715194045000L,
                                set(41, 41, 43, 211, 214, 541), null, null))),
                Arguments.of("a SELECT INBOX (QRESYNC (67890007 90060115194045000))",
                        new ImapCommand.Select("INBOX", false, false, new ImapCommand.Qresync(67890007, 90060115194045000L, null, null, null))),
                // §3.2.5.2 example: known-uids and seq-match-data
                Arguments.of("B02 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))",
                        null),
                Arguments.of("a SELECT INBOX (QRESYNC (67890007 90060115194045000 (1:3,7 4,9:11)))",
                        new ImapCommand.Select("INBOX", false, false, new ImapCommand.Qresync(67890007, 90060115194045000L, null,
                                set(1, 3, 7, 7), set(4, 4, 9, 11)))),
                Arguments.of("a SELECT INBOX (QRESYNC (1 2 1:10 (1,2 3,9)) CONDSTORE)",
                        new ImapCommand.Select("INBOX", false, true, new ImapCommand.Qresync(1, 2, set(1, 10), set(1, 1, 2, 2), set(3, 3, 9, 9)))),
                // §3.1.4.1 MODSEQ item; §3.1.4 CHANGEDSINCE
                Arguments.of("a FETCH 1:* (FLAGS MODSEQ)", new ImapCommand.Fetch(false, set(1, STAR),
                        List.of(new FetchItem.Flags(), new FetchItem.Modseq()))),
                Arguments.of("s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)", new ImapCommand.Fetch(true, set(1, STAR), FLAGS, 12345, false)),
                Arguments.of("a FETCH 1:* FLAGS (CHANGEDSINCE 7)", new ImapCommand.Fetch(false, set(1, STAR), FLAGS, 7, false)),
                // §3.2.6
                Arguments.of("a UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)",
                        new ImapCommand.Fetch(true, set(300, 500), FLAGS, 12345, true)),
                Arguments.of("a UID FETCH 300:500 (FLAGS) (vanished changedsince 12345)",
                        new ImapCommand.Fetch(true, set(300, 500), FLAGS, 12345, true)),
                // §3.1.3 examples
                Arguments.of("a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)",
                        new ImapCommand.Store(true, set(6, 6, 4, 4, 8, 8), ImapCommand.StoreMode.ADD, true, List.of("\\Deleted"), 12121230045L)),
                Arguments.of("c104 STORE 1 (UNCHANGEDSINCE 0) +FLAGS.SILENT ($MDNSent)",
                        new ImapCommand.Store(false, set(1, 1), ImapCommand.StoreMode.ADD, true, List.of("$MDNSent"), 0)),
                Arguments.of("a STORE 1 FLAGS (\\Seen)",
                        new ImapCommand.Store(false, set(1, 1), ImapCommand.StoreMode.REPLACE, false, List.of("\\Seen"), -1)),
                // §3.1.5 SEARCH MODSEQ
                Arguments.of("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338",
                        new ImapCommand.Search(false, null, new SearchKey.Modseq("/flags/\\draft", "all", 620162338L), List.of(), false)),
                Arguments.of("a UID SEARCH MODSEQ 0", new ImapCommand.Search(true, null, new SearchKey.Modseq(null, null, 0), List.of(), false)),
                Arguments.of("a SEARCH OR NOT MODSEQ 720162338 LARGER 50000 MODSEQ \"/flags/$Junk\" PRIV 5",
                        new ImapCommand.Search(false, null, new SearchKey.And(List.of(
                                new SearchKey.Or(new SearchKey.Not(new SearchKey.Modseq(null, null, 720162338L)), new SearchKey.Size(true, 50000)),
                                new SearchKey.Modseq("/flags/$Junk", "priv", 5))), List.of(), false)),
                // §3.1.6 STATUS HIGHESTMODSEQ
                Arguments.of("a STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)", new ImapCommand.Status("blurdybloop",
                        List.of(StatusItem.UIDNEXT, StatusItem.MESSAGES, StatusItem.HIGHESTMODSEQ))));
    }

    @ParameterizedTest
    @MethodSource("good")
    void parses(String line, ImapCommand expected) {
        ParseResult r = parser.parse(ImapInput.of(line));
        assertThat(r).as(line).isInstanceOf(ParseResult.Ok.class);
        if (expected != null) assertThat(((ParseResult.Ok) r).command()).isEqualTo(expected);
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("a SELECT INBOX ()", "expected an atom"),
                Arguments.of("a SELECT INBOX (FROB)", "unknown SELECT parameter"),
                Arguments.of("a SELECT INBOX (CONDSTORE CONDSTORE)", "CONDSTORE given twice"),
                Arguments.of("a SELECT INBOX (CONDSTORE", "expected ')'"),
                Arguments.of("a SELECT INBOX CONDSTORE", "expected '('"),
                Arguments.of("a SELECT INBOX (QRESYNC)", "expected a space"),
                Arguments.of("a SELECT INBOX (QRESYNC (0 5))", "bad UIDVALIDITY"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 0))", "at least 1"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 99999999999999999999))", "expected a number"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 9223372036854775808))", "number too large"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 5 1:*))", "'*' is not allowed"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 5 1:9 (1:3 4:5)))", "differ in size"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 5 1:9 (1:3)))", "expected a space"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 5 1:9 (1 2) 7))", "expected ')'"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 5) QRESYNC (1 5))", "QRESYNC given twice"),
                Arguments.of("a FETCH 1 FLAGS (CHANGEDSINCE 0)", "at least 1"),
                Arguments.of("a FETCH 1 FLAGS (CHANGEDSINCE)", "expected a space"),
                Arguments.of("a FETCH 1 FLAGS (FROB 1)", "unknown FETCH modifier"),
                Arguments.of("a FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)", "given twice"),
                Arguments.of("a FETCH 1 FLAGS (CHANGEDSINCE 5 VANISHED)", "VANISHED needs UID FETCH"),
                Arguments.of("a UID FETCH 1 FLAGS (VANISHED)", "VANISHED needs CHANGEDSINCE"),
                Arguments.of("a FETCH 1 FLAGS CHANGEDSINCE 5", "expected '('"),
                Arguments.of("a FETCH 1 (MODSEQ.PEEK)", "unknown FETCH item"),
                Arguments.of("a STORE 1 (UNCHANGEDSINCE) FLAGS (\\Seen)", "expected a space"),
                Arguments.of("a STORE 1 (UNCHANGEDSINCE -1) FLAGS (\\Seen)", "expected a number"),
                Arguments.of("a STORE 1 (FROB 1) FLAGS (\\Seen)", "unknown STORE modifier"),
                Arguments.of("a STORE 1 (UNCHANGEDSINCE 5)FLAGS (\\Seen)", "expected a space"),
                Arguments.of("a SEARCH MODSEQ", "expected a space"),
                Arguments.of("a SEARCH MODSEQ x", "expected a number"),
                Arguments.of("a SEARCH MODSEQ \"/flags/\\\\Seen\" 5", "bad MODSEQ entry type"),
                Arguments.of("a SEARCH MODSEQ \"/flags/\\\\Seen\" both 5", "bad MODSEQ entry type"),
                Arguments.of("a SEARCH MODSEQ \"/other/x\" all 5", "bad MODSEQ entry name"),
                Arguments.of("a SEARCH MODSEQ \"/flags/\" all 5", "bad MODSEQ entry name"),
                Arguments.of("a STATUS x (HIGHESTMODSEQ", "expected ')'"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void refuses(String line, String text) {
        assertThat(parser.parse(ImapInput.of(line))).as(line).isInstanceOfSatisfying(ParseResult.Bad.class, b -> {
            assertThat(b.tag()).isEqualTo("a");
            assertThat(b.text()).contains(text);
        });
    }
}
