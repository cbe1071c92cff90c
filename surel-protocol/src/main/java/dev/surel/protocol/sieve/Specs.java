package dev.surel.protocol.sieve;

import static dev.surel.protocol.sieve.Spec.Type.NUMBER;
import static dev.surel.protocol.sieve.Spec.Type.STRING;
import static dev.surel.protocol.sieve.Spec.Type.STRING_LIST;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The commands and tests Surel knows, with the RFC section that defines each. */
final class Specs {

    private Specs() {}

    private static final Map<String, Spec> COMMANDS = new HashMap<>();
    private static final Map<String, Spec> TESTS = new HashMap<>();

    static {
        List<Spec> all = List.of(
                // RFC 5228 §3 control commands
                Spec.command("require", null).args(STRING_LIST).build(),
                Spec.command("if", null).tests(Spec.Tests.ONE).block().build(),
                Spec.command("elsif", null).tests(Spec.Tests.ONE).block().build(),
                Spec.command("else", null).block().build(),
                Spec.command("stop", null).build(),
                // RFC 5228 §4 actions
                Spec.command("keep", null).tag(":flags", STRING_LIST, null, "imap4flags").build(),
                Spec.command("discard", null).build(),
                Spec.command("redirect", null).tag(":copy", Spec.Type.NONE, null, "copy").args(STRING).build(),
                // RFC 5228 §4.1 + RFC 3894 :copy + RFC 5232 :flags + RFC 5490 §3.2 :create
                Spec.command("fileinto", "fileinto").tag(":copy", Spec.Type.NONE, null, "copy")
                        .tag(":flags", STRING_LIST, null, "imap4flags").tag(":create", Spec.Type.NONE, null, "mailbox")
                        .args(STRING).build(),
                // RFC 5429
                Spec.command("reject", "reject").args(STRING).build(),
                Spec.command("ereject", "ereject").args(STRING).build(),
                // RFC 5232 §3
                Spec.command("setflag", "imap4flags").args(1, STRING, STRING_LIST).build(),
                Spec.command("addflag", "imap4flags").args(1, STRING, STRING_LIST).build(),
                Spec.command("removeflag", "imap4flags").args(1, STRING, STRING_LIST).build(),
                // RFC 5229 §4
                Spec.command("set", "variables").tag(":lower", Spec.Type.NONE, "case", null)
                        .tag(":upper", Spec.Type.NONE, "case", null).tag(":lowerfirst", Spec.Type.NONE, "first", null)
                        .tag(":upperfirst", Spec.Type.NONE, "first", null).tag(":quotewildcard")
                        .tag(":length").tag(":quoteregex", Spec.Type.NONE, null, "regex").args(STRING, STRING).build(),
                // RFC 5230 §4, RFC 6131 §2
                Spec.command("vacation", "vacation").tag(":days", NUMBER, "period", null)
                        .tag(":seconds", NUMBER, "period", "vacation-seconds").tag(":subject", STRING)
                        .tag(":from", STRING).tag(":addresses", STRING_LIST).tag(":mime").tag(":handle", STRING)
                        .args(STRING).build(),
                // RFC 6609 §3.2-§3.4
                Spec.command("include", "include").tag(":personal", Spec.Type.NONE, "location", null)
                        .tag(":global", Spec.Type.NONE, "location", null).tag(":once").tag(":optional")
                        .args(STRING).build(),
                Spec.command("return", "include").build(),
                Spec.command("global", "include").args(STRING_LIST).build(),
                // RFC 5293 §4, §5
                Spec.command("addheader", "editheader").tag(":last").args(STRING, STRING).build(),
                Spec.command("deleteheader", "editheader").tag(":index", NUMBER).tag(":last").comparator()
                        .matchType().args(1, STRING, STRING_LIST).build(),

                // RFC 5228 §5 tests
                Spec.test("address", null).comparator().addressPart().matchType().index()
                        .args(STRING_LIST, STRING_LIST).build(),
                Spec.test("allof", null).tests(Spec.Tests.LIST).build(),
                Spec.test("anyof", null).tests(Spec.Tests.LIST).build(),
                Spec.test("envelope", "envelope").comparator().addressPart().matchType()
                        .args(STRING_LIST, STRING_LIST).build(),
                Spec.test("exists", null).args(STRING_LIST).build(),
                Spec.test("false", null).build(),
                Spec.test("true", null).build(),
                Spec.test("header", null).comparator().matchType().index().args(STRING_LIST, STRING_LIST).build(),
                Spec.test("not", null).tests(Spec.Tests.ONE).build(),
                Spec.test("size", null).tag(":over", NUMBER, "size", null).tag(":under", NUMBER, "size", null).build(),
                // RFC 5173 §4
                Spec.test("body", "body").comparator().matchType().tag(":raw", Spec.Type.NONE, "transform", null)
                        .tag(":content", STRING_LIST, "transform", null).tag(":text", Spec.Type.NONE, "transform", null)
                        .args(STRING_LIST).build(),
                // RFC 5229 §5
                Spec.test("string", "variables").comparator().matchType().args(STRING_LIST, STRING_LIST).build(),
                // RFC 5260 §4, §5
                Spec.test("date", "date").tag(":zone", STRING, "zone", null).tag(":originalzone", Spec.Type.NONE, "zone", null)
                        .comparator().matchType().index().args(STRING, STRING, STRING_LIST).build(),
                Spec.test("currentdate", "date").tag(":zone", STRING).comparator().matchType()
                        .args(STRING, STRING_LIST).build(),
                // RFC 5490 §3.1
                Spec.test("mailboxexists", "mailbox").args(STRING_LIST).build(),
                // RFC 5232 §4
                Spec.test("hasflag", "imap4flags").comparator().matchType().args(1, STRING_LIST, STRING_LIST).build(),
                // RFC 5235 §3.2, §3.3
                Spec.test("spamtest", "spamtest").tag(":percent", Spec.Type.NONE, null, "spamtestplus").comparator()
                        .matchType().args(STRING).build(),
                Spec.test("virustest", "virustest").comparator().matchType().args(STRING).build(),
                // RFC 7352 §3
                Spec.test("duplicate", "duplicate").tag(":handle", STRING).tag(":header", STRING, "id", null)
                        .tag(":uniqueid", STRING, "id", null).tag(":seconds", NUMBER).tag(":last").build());
        for (Spec s : all) (s.test() ? TESTS : COMMANDS).put(s.name(), s);
    }

    static Spec command(String name) {
        return COMMANDS.get(name);
    }

    static Spec test(String name) {
        return TESTS.get(name);
    }
}
