package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation: require (RFC 5228 §3.2), commands, tests, arguments, comparators, match types. */
class SieveCompilerTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "keep;",
            "require \"fileinto\"; fileinto \"a\";",
            "require [\"fileinto\",\"copy\",\"imap4flags\",\"mailbox\"]; fileinto :copy :create :flags \"\\\\Seen\" \"a/b\";",
            "if header :is :comparator \"i;octet\" [\"to\",\"cc\"] \"x\" { discard; } elsif exists \"x\" { stop; } else { keep; }",
            "if address :domain :matches \"from\" \"*.example\" { redirect \"a@b.example\"; }",
            "require [\"relational\",\"comparator-i;ascii-numeric\"]; if header :value \"ge\" :comparator \"i;ascii-numeric\" \"x\" \"5\" { keep; }",
            "require [\"envelope\",\"subaddress\"]; if envelope :detail \"to\" \"lists\" { keep; }",
            "require \"vacation\"; vacation :days 3 :subject \"s\" :from \"me@example.org\" :addresses [\"a@b.c\"] :mime :handle \"h\" \"r\";",
            "require \"vacation-seconds\"; vacation :seconds 60 \"r\";",
            "require [\"variables\"]; set :lower :upperfirst \"name\" \"VALUE\"; if string :matches \"${name}\" \"V*\" { keep; }",
            "require [\"date\",\"index\",\"relational\"]; if date :index 1 :last :zone \"+0100\" :value \"ge\" \"date\" \"date\" \"2020-01-01\" { keep; }",
            "require \"date\"; if currentdate :is \"weekday\" \"0\" { keep; }",
            "require [\"imap4flags\",\"variables\"]; setflag \"f\" \"\\\\Seen\"; if hasflag \"f\" \"\\\\Seen\" { addflag \"x\"; removeflag \"x\"; }",
            "require [\"spamtestplus\",\"relational\",\"comparator-i;ascii-numeric\"]; if spamtest :percent :value \"ge\" :comparator \"i;ascii-numeric\" \"50\" { discard; }",
            "require \"virustest\"; if virustest :is \"5\" { discard; }",
            "require [\"include\",\"variables\"]; global \"x\"; include :global :once :optional \"other\"; return;",
            "require \"duplicate\"; if duplicate :header \"x-id\" :seconds 60 :last :handle \"h\" { discard; }",
            "require \"editheader\"; addheader :last \"X-A\" \"b\"; deleteheader :index 1 :last :contains \"X-A\" \"b\"; deleteheader \"X-B\";",
            "require \"body\"; if body :content [\"text\"] :contains \"x\" { keep; } if body :raw :is \"y\" { stop; }",
            "require \"mailbox\"; if mailboxexists [\"a\", \"b\"] { keep; }",
            "require [\"reject\"]; reject text:\nno\n.\n;",
            "require \"encoded-character\"; if header :is \"subject\" \"${hex: 41 42}${unicode:263a}\" { keep; }",
            "REQUIRE \"FileInto\"; FileInto \"a\"; IF TRUE { KEEP; }",
    })
    void validScripts(String script) throws SieveException {
        SieveCompiler.compile(script);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "require \"nosuch\";                                | 1 | unknown capability \"nosuch\"",
            "'keep;\nrequire \"fileinto\";'                     | 2 | require must come before other commands",
            "'\nfileinto \"a\";'                                | 2 | fileinto needs require \"fileinto\"",
            "'require \"fileinto\";\nfileinto :copy \"a\";'     | 2 | :copy needs require \"copy\"",
            "frobnicate;                                        | 1 | unknown command frobnicate",
            "if frob { keep; }                                  | 1 | unknown test frob",
            "if true keep;                                      | 1 | if needs a block",
            "if true;                                           | 1 | if needs a block",
            "keep { }                                           | 1 | keep takes no block",
            "else { keep; }                                     | 1 | else without a preceding if",
            "if true { } keep; elsif true { }                   | 1 | elsif without a preceding if",
            "if header :is \"a\" { }                            | 1 | header takes 2 positional arguments, not 1",
            "if header :is :contains \"a\" \"b\" { }            | 1 | :contains and :is cannot be used together",
            "if header :frob \"a\" \"b\" { }                    | 1 | header has no tag :frob",
            "if header \"a\" :is \"b\" { }                      | 1 | tag :is after positional arguments",
            "if header :comparator \"i;nope\" \"a\" \"b\" { }   | 1 | unknown comparator \"i;nope\"",
            "if header :comparator \"i;ascii-numeric\" \"a\" \"b\" { } | 1 | needs require \"comparator-i;ascii-numeric\"",
            "if header :count \"ge\" \"a\" \"b\" { }            | 1 | :count needs require \"relational\"",
            "'require \"relational\";\nif header :value \"gte\" \"a\" \"b\" { }' | 2 | relational operator",
            "'require \"comparator-i;ascii-numeric\";\nif header :contains :comparator \"i;ascii-numeric\" \"a\" \"1\" {}' | 2 | i;ascii-numeric cannot do :contains",
            "if size 100 { }                                    | 1 | size takes 0 positional arguments, not 1",
            "if size :over \"1\" { }                            | 1 | :over needs a number, not a string",
            "redirect \"not an address\";                       | 1 | redirect needs an address",
            "redirect [\"a@b.c\"];                              | 1 | redirect needs a string, not a string list",
            "if not (true, false) { }                           | 1 | not needs one test",
            "if allof true { }                                  | 1 | allof needs a test list",
            "if true (true) { }                                 | 1 | true takes no test",
            "keep true;                                         | 1 | keep takes no test",
            "if keep { }                                        | 1 | keep is a command, not a test",
            "'require \"envelope\";\nif envelope \"sender\" \"x\" {}' | 2 | unknown envelope part \"sender\"",
            "'require \"date\";\nif date \"date\" \"century\" \"x\" {}' | 2 | unknown date part \"century\"",
            "'require \"date\";\nif currentdate :zone \"CET\" \"year\" \"x\" {}' | 2 | bad time zone",
            "'require \"variables\";\nset \"1a\" \"x\";'        | 2 | bad variable name",
            "'require \"vacation\";\nvacation :seconds 5 \"x\";' | 2 | :seconds needs require \"vacation-seconds\"",
            "'require \"vacation\";\nvacation :days 1 :days 2 \"x\";' | 2 | tag :days given twice",
            "'require \"editheader\";\naddheader \"Bad Name\" \"v\";' | 2 | bad header field name",
            "'require \"index\";\nif header :last \"a\" \"b\" {}' | 2 | :last needs :index",
            "'require \"encoded-character\";\nkeep; if header :is \"s\" \"${unicode:D800}\" {}' | 2 | is not a Unicode code point",
            "'require [\"imap4flags\"];\nsetflag \"var\" \"x\";' | 2 | needs require \"variables\"",
            "'require [\"spamtest\"];\nif spamtest :percent \"5\" {}' | 2 | :percent needs require \"spamtestplus\"",
    })
    void errorsNameTheLine(String script, int line, String message) {
        assertThatThrownBy(() -> SieveCompiler.compile(script)).isInstanceOfSatisfying(SieveException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).isEqualTo("line " + line + ": " + e.detail()).contains(message);
        });
    }

    @Test
    void encodedCharactersAreDecodedOnlyWhenRequired() throws SieveException {
        SieveScript with = SieveCompiler.compile(
                "require \"encoded-character\"; if header :is \"s\" \"$${hex:24 24}${unicode: 0048 49}${hex:zz}${other:41}\" {}");
        assertThat(with.commands().getFirst().tests().getFirst().arg(1)).containsExactly("$$$HI${hex:zz}${other:41}");
        SieveScript without = SieveCompiler.compile("if header :is \"s\" \"${hex:41}\" {}");
        assertThat(without.commands().getFirst().tests().getFirst().arg(1)).containsExactly("${hex:41}");
    }

    @Test
    void capabilityStringListsWhatRequireAccepts() throws SieveException {
        assertThat(SieveCompiler.CAPABILITY_STRING).startsWith("fileinto reject ").contains("editheader");
        for (String cap : SieveCompiler.CAPABILITIES) SieveCompiler.compile("require \"" + cap + "\";");
    }
}
