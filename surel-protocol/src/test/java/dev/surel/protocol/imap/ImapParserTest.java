package dev.surel.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.ImapCommand.AppendMessage;
import dev.surel.protocol.imap.SequenceSet.Range;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests of the IMAP parser: raw line → expected record, or → BAD text (RFC 9051 §9 syntax). */
class ImapParserTest {

    private final ImapParser parser = new ImapParser(8);

    private static SequenceSet seq(long from, long to) {
        return SequenceSet.of(new Range(from, to));
    }

    private static final long STAR = SequenceSet.STAR;

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("a CAPABILITY", new ImapCommand.Capability()),
                Arguments.of("a noop", new ImapCommand.Noop()),
                Arguments.of("a LOGOUT", new ImapCommand.Logout()),
                Arguments.of("a STARTTLS", new ImapCommand.StartTls()),
                Arguments.of("a LOGIN alice \"p a\\\"ss\"", new ImapCommand.Login("alice", "p a\"ss")),
                Arguments.of("a AUTHENTICATE PLAIN", new ImapCommand.Authenticate("PLAIN", null)),
                Arguments.of("a AUTHENTICATE plain AGFsaWNlAHNlY3JldA==", new ImapCommand.Authenticate("PLAIN", "AGFsaWNlAHNlY3JldA==")),
                Arguments.of("a AUTHENTICATE PLAIN =", new ImapCommand.Authenticate("PLAIN", "=")),
                Arguments.of("a ENABLE IMAP4rev2 CONDSTORE", new ImapCommand.Enable(List.of("IMAP4REV2", "CONDSTORE"))),
                Arguments.of("a SELECT INBOX", new ImapCommand.Select("INBOX", false)),
                Arguments.of("a EXAMINE \"Sent Items\"", new ImapCommand.Select("Sent Items", true)),
                Arguments.of("a CREATE Drafts2 (USE (\\Drafts))", new ImapCommand.Create("Drafts2", List.of("\\Drafts"))),
                Arguments.of("a CREATE owatagusiam/", new ImapCommand.Create("owatagusiam/", List.of())),
                Arguments.of("a DELETE blurdybloop", new ImapCommand.Delete("blurdybloop")),
                Arguments.of("a RENAME INBOX old-mail", new ImapCommand.Rename("INBOX", "old-mail")),
                Arguments.of("a SUBSCRIBE #news.comp.mail.mime", new ImapCommand.Subscribe("#news.comp.mail.mime")),
                Arguments.of("a UNSUBSCRIBE x", new ImapCommand.Unsubscribe("x")),
                Arguments.of("a LIST \"\" *", new ImapCommand.ListMailboxes(Set.of(), "", List.of("*"), Set.of(), List.of(), false)),
                Arguments.of("a LIST /usr/staff/jones \"\"", new ImapCommand.ListMailboxes(Set.of(), "/usr/staff/jones", List.of(""), Set.of(), List.of(), false)),
                Arguments.of("a LIST ~/Mail/ %", new ImapCommand.ListMailboxes(Set.of(), "~/Mail/", List.of("%"), Set.of(), List.of(), false)),
                Arguments.of("a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (% Foo/*) RETURN (CHILDREN)",
                        new ImapCommand.ListMailboxes(Set.of("SUBSCRIBED", "RECURSIVEMATCH"), "", List.of("%", "Foo/*"), Set.of("CHILDREN"), List.of(), true)),
                Arguments.of("a LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN) SPECIAL-USE)",
                        new ImapCommand.ListMailboxes(Set.of(), "", List.of("%"), Set.of("STATUS", "SPECIAL-USE"),
                                List.of(StatusItem.MESSAGES, StatusItem.UNSEEN), true)),
                Arguments.of("a LSUB \"#news.\" \"comp.mail.*\"", new ImapCommand.Lsub("#news.", "comp.mail.*")),
                Arguments.of("a NAMESPACE", new ImapCommand.Namespace()),
                Arguments.of("a STATUS blurdybloop (UIDNEXT MESSAGES SIZE DELETED APPENDLIMIT)",
                        new ImapCommand.Status("blurdybloop", List.of(StatusItem.UIDNEXT, StatusItem.MESSAGES, StatusItem.SIZE,
                                StatusItem.DELETED, StatusItem.APPENDLIMIT))),
                Arguments.of("a IDLE", new ImapCommand.Idle()),
                Arguments.of("a CHECK", new ImapCommand.Check()),
                Arguments.of("a CLOSE", new ImapCommand.Close()),
                Arguments.of("a UNSELECT", new ImapCommand.Unselect()),
                Arguments.of("a EXPUNGE", new ImapCommand.Expunge(null)),
                Arguments.of("a UID EXPUNGE 3000:3002", new ImapCommand.Expunge(seq(3000, 3002))),
                Arguments.of("a COPY 2:4 MEETING", new ImapCommand.Copy(false, seq(2, 4), "MEETING")),
                Arguments.of("a UID MOVE 42:69 foo", new ImapCommand.Move(true, seq(42, 69), "foo")),
                Arguments.of("a STORE 2:4 +FLAGS (\\Deleted)", new ImapCommand.Store(false, seq(2, 4), ImapCommand.StoreMode.ADD, false, List.of("\\Deleted"))),
                Arguments.of("a UID STORE 1,3:* -FLAGS.SILENT \\Seen $Junk",
                        new ImapCommand.Store(true, SequenceSet.of(Range.single(1), new Range(3, STAR)), ImapCommand.StoreMode.REMOVE, true, List.of("\\Seen", "$Junk"))),
                Arguments.of("a STORE 1 FLAGS ()", new ImapCommand.Store(false, seq(1, 1), ImapCommand.StoreMode.REPLACE, false, List.of())),
                Arguments.of("a FETCH 1 FAST", new ImapCommand.Fetch(false, seq(1, 1),
                        List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Rfc822Size()))),
                Arguments.of("a FETCH 2:4 ALL", new ImapCommand.Fetch(false, seq(2, 4),
                        List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Rfc822Size(), new FetchItem.Envelope()))),
                Arguments.of("a FETCH * FULL", new ImapCommand.Fetch(false, seq(STAR, STAR),
                        List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Rfc822Size(), new FetchItem.Envelope(), new FetchItem.Structure(false)))),
                Arguments.of("a FETCH 12 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])", new ImapCommand.Fetch(false, seq(12, 12),
                        List.of(new FetchItem.Flags(), new FetchItem.Body(new BodySection(List.of(), BodySection.Kind.HEADER_FIELDS, List.of("DATE", "FROM"), null), false)))),
                Arguments.of("a UID FETCH 1:* (BODY.PEEK[1.2.MIME] BODY[]<0.2048> RFC822.SIZE UID BODYSTRUCTURE BODY)", new ImapCommand.Fetch(true, seq(1, STAR),
                        List.of(new FetchItem.Body(new BodySection(List.of(1, 2), BodySection.Kind.MIME, List.of(), null), true),
                                new FetchItem.Body(new BodySection(List.of(), BodySection.Kind.CONTENT, List.of(), new BodySection.Partial(0, 2048)), false),
                                new FetchItem.Rfc822Size(), new FetchItem.Uid(), new FetchItem.Structure(true), new FetchItem.Structure(false)))),
                Arguments.of("a FETCH 1 (BODY[3.HEADER.FIELDS.NOT (X-A \"X-B\")] RFC822.HEADER RFC822 RFC822.TEXT BODY[2])", new ImapCommand.Fetch(false, seq(1, 1),
                        List.of(new FetchItem.Body(new BodySection(List.of(3), BodySection.Kind.HEADER_FIELDS_NOT, List.of("X-A", "X-B"), null), false),
                                new FetchItem.Rfc822(FetchItem.Rfc822Part.HEADER), new FetchItem.Rfc822(FetchItem.Rfc822Part.WHOLE),
                                new FetchItem.Rfc822(FetchItem.Rfc822Part.TEXT),
                                new FetchItem.Body(new BodySection(List.of(2), BodySection.Kind.CONTENT, List.of(), null), false)))),
                Arguments.of("a SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"", new ImapCommand.Search(false, null, new SearchKey.And(List.of(
                        new SearchKey.Flag(SearchKey.SystemFlag.FLAGGED, true),
                        new SearchKey.Date(SearchKey.DateField.INTERNAL, SearchKey.DateOp.SINCE, LocalDate.of(1994, 2, 1)),
                        new SearchKey.Not(new SearchKey.AddressOrSubject(SearchKey.HeaderKind.FROM, "Smith")))), List.of(), false)),
                Arguments.of("a UID SEARCH OR (SEEN 1:3) UID 5 RETURN", null), // RETURN is not a key here: BAD (see bad())
                Arguments.of("a SEARCH RETURN () CHARSET UTF-8 TEXT \"x\" SENTBEFORE \"5-Mar-2024\" LARGER 10 KEYWORD $Forwarded",
                        new ImapCommand.Search(false, "UTF-8", new SearchKey.And(List.of(new SearchKey.Text("x"),
                                new SearchKey.Date(SearchKey.DateField.SENT, SearchKey.DateOp.BEFORE, LocalDate.of(2024, 3, 5)),
                                new SearchKey.Size(true, 10), new SearchKey.Keyword("$Forwarded", true))), List.of(), true)),
                Arguments.of("a SEARCH 2:* HEADER X-Spam \"\"", new ImapCommand.Search(false, null, new SearchKey.And(List.of(
                        new SearchKey.Sequence(seq(2, STAR)), new SearchKey.Header("X-Spam", ""))), List.of(), false)),
                Arguments.of("a ID (\"name\" \"sodr\" \"version\" NIL)", new ImapCommand.Id(map("name", "sodr", "version", null))),
                Arguments.of("a ID NIL", new ImapCommand.Id(null)),
                Arguments.of("a GETQUOTAROOT INBOX", new ImapCommand.GetQuotaRoot("INBOX")),
                Arguments.of("a GETQUOTA \"\"", new ImapCommand.GetQuota("")),
                Arguments.of("a SETQUOTA \"\" (STORAGE 512)", new ImapCommand.SetQuota("", Map.of("STORAGE", 512L))));
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @ParameterizedTest
    @MethodSource("good")
    void parses(String line, ImapCommand expected) {
        ParseResult r = parser.parse(ImapInput.of(line));
        if (expected == null) {
            assertThat(r).isInstanceOf(ParseResult.Bad.class);
            return;
        }
        assertThat(r).isEqualTo(new ParseResult.Ok("a", expected));
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("", null, "missing tag"),
                Arguments.of("a", "a", "expected a space"),
                Arguments.of("a FROB", "a", "unknown command"),
                Arguments.of("a+ NOOP", "a", "expected a space"),
                Arguments.of("a NOOP extra", "a", "unexpected characters"),
                Arguments.of("a LOGIN alice", "a", "expected a space"),
                Arguments.of("a SELECT", "a", "expected a space"),
                Arguments.of("a FETCH 0 FLAGS", "a", "bad sequence set"),
                Arguments.of("a FETCH 1:x FLAGS", "a", "bad sequence set"),
                Arguments.of("a FETCH 1 (FLAGS", "a", "expected ')'"),
                Arguments.of("a FETCH 1 BODY.PEEK", "a", "BODY.PEEK needs a section"),
                Arguments.of("a FETCH 1 BODY[1.MIME", "a", "expected ']'"),
                Arguments.of("a FETCH 1 BODY[MIME]", "a", "MIME needs a part number"),
                Arguments.of("a FETCH 1 BODY[]<5.0>", "a", "partial count"),
                Arguments.of("a FETCH 1 FROB", "a", "unknown FETCH item"),
                Arguments.of("a STORE 1 FLAGZ (\\Seen)", "a", "unknown STORE item"),
                Arguments.of("a SEARCH FROBNICATE", "a", "unknown search key"),
                Arguments.of("a SEARCH SINCE 31-Feb-2020", "a", "bad date"),
                Arguments.of("a SEARCH SINCE 1-Foo-2020", "a", "bad month"),
                Arguments.of("a SEARCH NOT NOT NOT NOT NOT NOT NOT NOT NOT ALL", "a", "too deeply nested"),
                Arguments.of("a SEARCH ((((((((((ALL))))))))))", "a", "too deeply nested"),
                Arguments.of("a LIST (RECURSIVEMATCH) \"\" *", "a", "RECURSIVEMATCH needs another"),
                Arguments.of("a LIST (REMOTE RECURSIVEMATCH) \"\" *", "a", "RECURSIVEMATCH needs another"), // RFC 5258 §3
                Arguments.of("a LIST (RECURSIVEMATCH REMOTE) \"\" %", "a", "RECURSIVEMATCH needs another"),
                Arguments.of("a LIST (FROB) \"\" *", "a", "unknown LIST selection option"),
                Arguments.of("a STATUS x (FROB)", "a", "unknown STATUS item"),
                Arguments.of("a LOGIN \"unterminated", "a", "unterminated quoted string"),
                Arguments.of("a LOGIN \"bad\\escape\" x", "a", "bad escape"),
                Arguments.of("a UID NOOP", "a", "unknown UID command"),
                Arguments.of("a AUTHENTICATE PLAIN !!!", "a", "not base64"),
                Arguments.of("a APPEND INBOX", "a", "needs a message literal"),
                Arguments.of("a APPEND INBOX \"31-Foo-2020 10:00:00 +0000\" {3}", "a", "bad month"),
                // date-year, date-day, time and zone are DIGITs (RFC 9051 §9); found by ImapParserFuzzTest
                // (seed append-year-sign): Integer.parseInt took "-994" as a year, and "+1" as a day or an hour
                Arguments.of("b5 APPEND I (\\Seen) \" 7-Feb--994 21:52:25 -0000\" {11}", "b5", "bad date-time"),
                Arguments.of("a APPEND INBOX \"01-Feb-1994 +1:52:25 -0000\" {3}", "a", "bad date-time"),
                Arguments.of("a APPEND INBOX \"+1-Feb-1994 01:52:25 -0000\" {3}", "a", "bad date-time"),
                Arguments.of("a APPEND INBOX \"01-Feb-1994 01:52:25 +\u0661\u0660\u0660\u0660\" {3}", "a", "bad"),
                Arguments.of("a SEARCH SINCE +1-Feb-1994", "a", "bad date"),
                Arguments.of("a SEARCH SENTON 1-Feb-+994", "a", "bad date"),
                Arguments.of("a APPEND INBOX {3} x", "a", "literal not at the end"),
                Arguments.of("a CREATE x (FOO (\\Drafts))", "a", "unknown CREATE parameter"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void refuses(String line, String tag, String text) {
        assertThat(parser.parse(ImapInput.of(line))).isInstanceOfSatisfying(ParseResult.Bad.class, b -> {
            assertThat(b.tag()).isEqualTo(tag);
            assertThat(b.text()).contains(text);
        });
    }

    @Test
    void unknownCharsetIsBadCharsetNotBad() {
        assertThat(parser.parse(ImapInput.of("a SEARCH CHARSET X-NOPE TEXT x"))).isEqualTo(new ParseResult.BadCharset("a"));
    }

    @Test
    void searchStringsAreDecodedWithTheCharset() {
        ImapInput in = new ImapInput(List.of("a SEARCH CHARSET utf-8 SUBJECT {5}".getBytes(), new byte[0]),
                List.of(new ImapInput.Literal.Bytes(new byte[] {'c', 'a', 'f', (byte) 0xc3, (byte) 0xa9})));
        assertThat(parser.parse(ImapInput.of("a SEARCH CHARSET ISO-8859-1 TEXT x"))).isEqualTo(new ParseResult.BadCharset("a"));
        assertThat(parser.parse(in)).isEqualTo(new ParseResult.Ok("a", new ImapCommand.Search(false, "utf-8",
                new SearchKey.AddressOrSubject(SearchKey.HeaderKind.SUBJECT, "café"), List.of(), false)));
    }

    @Test
    void literalsInAstringsAndMultiappend() {
        // RFC 9051 §6.3.12 example form, with a mailbox literal and two messages (RFC 3502)
        ImapInput in = new ImapInput(List.of(
                "a APPEND {5}".getBytes(), " (\\Seen) \"14-Jul-2026 02:44:25 +1400\" {310+}".getBytes(), " {20}".getBytes(), "".getBytes()),
                List.of(new ImapInput.Literal.Bytes("saved".getBytes()), new ImapInput.Literal.Spooled(310), new ImapInput.Literal.Spooled(20)));
        assertThat(parser.parse(in)).isEqualTo(new ParseResult.Ok("a", new ImapCommand.Append("saved", List.of(
                new AppendMessage(List.of("\\Seen"), OffsetDateTime.of(2026, 7, 14, 2, 44, 25, 0, ZoneOffset.ofHours(14)), 1, 310),
                new AppendMessage(List.of(), null, 2, 20)))));
        assertThat(parser.parse(ImapInput.of("a LOGIN {5}", "alice", " {6}", "se\"cr\\", "")))
                .isEqualTo(new ParseResult.Ok("a", new ImapCommand.Login("alice", "se\"cr\\")));
    }

    @Test
    void internalDatesKeepTheirOffsets() {
        ImapInput in = new ImapInput(List.of("a APPEND x \" 1-Jan-2027 00:30:00 -1200\" {1}".getBytes(), new byte[0]),
                List.of(new ImapInput.Literal.Spooled(1)));
        var r = (ParseResult.Ok) parser.parse(in);
        assertThat(((ImapCommand.Append) r.command()).messages().getFirst().internalDate())
                .isEqualTo(OffsetDateTime.of(2027, 1, 1, 0, 30, 0, 0, ZoneOffset.ofHours(-12)));
    }

    @Test
    void literalAnnouncements() {
        assertThat(ImapInput.Announcement.at("a LOGIN {5}".getBytes())).isEqualTo(new ImapInput.Announcement(5, false));
        assertThat(ImapInput.Announcement.at("a APPEND x {123+}".getBytes())).isEqualTo(new ImapInput.Announcement(123, true));
        assertThat(ImapInput.Announcement.at("a APPEND x ~{7}".getBytes())).isEqualTo(new ImapInput.Announcement(7, false, true)); // RFC 3516
        assertThat(ImapInput.Announcement.at("a APPEND x UTF8 (~{9+}".getBytes())).isEqualTo(new ImapInput.Announcement(9, true, true));
        assertThat(ImapInput.Announcement.at("a NOOP {}".getBytes())).isNull();
        assertThat(ImapInput.Announcement.at("a NOOP }".getBytes())).isNull();
        assertThat(ImapInput.Announcement.at("a NOOP".getBytes())).isNull();
    }

    @Test
    void loginToStringHidesThePassword() {
        assertThat(new ImapCommand.Login("alice", "hunter2").toString()).doesNotContain("hunter2");
    }
}
