package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The base language (RFC 5228): tests, control flow, actions and implicit keep (§2.10). */
class SieveInterpreterTest {

    private final SieveRun r = new SieveRun();

    @Test
    void emptyScriptKeeps() throws SieveException {
        assertThat(r.describe("")).isEqualTo("implicit keep");
    }

    @Test
    void ifElsifElse() throws SieveException {
        String s = """
                require "fileinto";
                if header :contains "subject" "nomatch" { fileinto "A"; }
                elsif header :contains "subject" "MEETING" { fileinto "B"; }
                else { fileinto "C"; }
                """;
        assertThat(r.describe(s)).isEqualTo("fileinto B");
    }

    @Test
    void headerTestDecodesEncodedWords() throws SieveException {
        // RFC 5228 §5.7 with RFC 2047: the subject is "café meeting"
        assertThat(r.describe("if header :is \"Subject\" \"café meeting\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if header :is :comparator \"i;octet\" \"Subject\" \"CAFÉ MEETING\" { discard; }"))
                .isEqualTo("implicit keep");
    }

    @Test
    void matchTypesAndComparators() throws SieveException {
        assertThat(r.describe("if header :matches \"subject\" \"caf? m*g\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if header :matches \"subject\" \"*meet\" { discard; }")).isEqualTo("implicit keep");
        assertThat(r.describe("if header :matches \"subject\" \"\\\\*\" { discard; }")).isEqualTo("implicit keep");
        assertThat(r.describe("if header :contains :comparator \"i;octet\" \"subject\" \"MEETING\" { discard; }"))
                .isEqualTo("implicit keep");
        assertThat(r.describe("if header :is [\"x-none\", \"x-priority\"] [\"1\", \"10\"] { discard; }")).isEqualTo("discard");
    }

    @Test
    void addressTestParts() throws SieveException {
        assertThat(r.describe("if address :is \"from\" \"sender@example.com\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if address :localpart :is \"from\" \"sender\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if address :domain :is \"to\" \"example.net\" { discard; }")).isEqualTo("discard");
        // groups are expanded (RFC 5322 §3.4)
        assertThat(r.describe("if address :all :is \"cc\" \"b@group.example\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if address :is \"from\" \"Sender Name\" { discard; }")).isEqualTo("implicit keep");
    }

    @Test
    void existsAndSizeAndBooleans() throws SieveException {
        assertThat(r.describe("if exists [\"from\", \"date\"] { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if exists [\"from\", \"x-nope\"] { discard; }")).isEqualTo("implicit keep");
        assertThat(r.describe("if size :over 100 { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if size :under 1K { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if size :over 1M { discard; }")).isEqualTo("implicit keep");
        assertThat(r.describe("if allof (true, not false) { discard; }")).isEqualTo("discard");
        assertThat(r.describe("if anyof (false, not true) { discard; }")).isEqualTo("implicit keep");
    }

    @Test
    void stopEndsTheScript() throws SieveException {
        assertThat(r.describe("stop; discard;")).isEqualTo("implicit keep");
        assertThat(r.describe("discard; stop; keep;")).isEqualTo("discard");
    }

    @Test
    void keepAndFileintoTheSameMailboxStoreOnce() throws SieveException {
        // RFC 5228 §2.10.3
        assertThat(r.describe("require \"fileinto\"; keep; fileinto \"INBOX\"; fileinto \"A\"; fileinto \"A\";"))
                .isEqualTo("keep; fileinto A");
        // the later flags replace the earlier (as Pigeonhole does)
        assertThat(r.describe("require [\"fileinto\", \"imap4flags\"]; fileinto :flags \"a\" \"A\"; fileinto :flags \"b\" \"A\";"))
                .isEqualTo("fileinto A [b]");
        // an implicit keep beside an explicit store into INBOX stores once
        SieveResult res = r.run("require [\"fileinto\", \"copy\", \"imap4flags\"]; fileinto :copy :flags \"x\" \"inbox\";"
                + " addflag \"y\"; fileinto \"B\";");
        assertThat(res.stores()).isEqualTo(java.util.Map.of("INBOX", java.util.List.of("x"), "B", java.util.List.of("y")));
        res = r.run("require [\"fileinto\", \"copy\", \"imap4flags\"]; fileinto :copy :flags \"x\" \"inbox\"; addflag \"y\";");
        assertThat(res.stores()).isEqualTo(java.util.Map.of("INBOX", java.util.List.of("x", "y")));
    }

    @Test
    void redirectOncePerAddressAndLimited() throws SieveException {
        assertThat(r.describe("redirect \"a@example.com\"; redirect \"a@EXAMPLE.com\";")).isEqualTo("redirect a@example.com");
        // the local part is case-sensitive (RFC 5321 §2.4)
        assertThat(r.describe("redirect \"a@example.com\"; redirect \"A@example.com\";"))
                .isEqualTo("redirect a@example.com; redirect A@example.com");
        String many = "redirect \"a@x.example\"; redirect \"b@x.example\"; redirect \"c@x.example\"; redirect \"d@x.example\";"
                + "\nredirect \"e@x.example\";";
        assertThat(r.describe(many)).isEqualTo("error line 2: more than 4 redirects; implicit keep");
    }

    @Test
    void rejectConflictsFallBackToKeep() throws SieveException {
        assertThat(r.describe("require \"reject\"; reject \"go away\";")).isEqualTo("reject go away");
        assertThat(r.describe("require \"ereject\"; discard; ereject \"no\";")).isEqualTo("discard; ereject no");
        assertThat(r.describe("require [\"reject\",\"fileinto\"];\nfileinto \"A\";\nreject \"no\";"))
                .isEqualTo("error line 3: reject cannot be combined with fileinto; implicit keep");
        assertThat(r.describe("require [\"reject\"];\nreject \"no\"; keep;"))
                .isEqualTo("error line 2: keep cannot be combined with reject; implicit keep");
    }

    @Test
    void runawayScriptsStop() throws SieveException {
        r.limits = new SieveLimits(1 << 20, 32, 65_536, 1024, 10_000, 50, 64, 4, 4096, 256, 8, 32);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 60; i++) s.append("if true { }\n");
        assertThat(r.describe(s.toString())).startsWith("error line ").contains("script ran too long").endsWith("implicit keep");
        r.limits = new SieveLimits(1 << 20, 32, 65_536, 1024, 10_000, 1000, 3, 4, 4096, 256, 8, 32);
        assertThat(r.describe("require \"fileinto\"; fileinto \"a\"; fileinto \"b\"; fileinto \"c\";\nfileinto \"d\";"))
                .isEqualTo("error line 2: more than 3 actions; implicit keep");
    }

    @Test
    void expensiveMatchesAreBounded() throws SieveException {
        // :matches backtracks only to the last star: many stars against a long value stay linear-ish
        String value = "a".repeat(60_000);
        String msg = "Subject: " + value + "\r\n\r\nx\r\n";
        long t0 = System.nanoTime();
        SieveResult res = r.run("if header :matches \"subject\" \"" + "*a".repeat(1000) + "b\" { discard; }", msg);
        assertThat(res.implicitKeep()).isTrue();
        assertThat(res.error()).isNull();
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
        // comparisons of long values count against the step limit
        r.limits = new SieveLimits(1 << 20, 32, 65_536, 1024, 10_000, 10_000, 64, 4, 4096, 256, 8, 32);
        String keys = "[" + "\"zz\",".repeat(200) + "\"zz\"]";
        res = r.run("if header :contains \"subject\" " + keys + " { discard; }", msg);
        assertThat(res.error()).isNotNull();
        assertThat(res.error().getMessage()).isEqualTo("line 1: script ran too long (more than 10000 steps)");
        assertThat(res.implicitKeep()).isTrue();
    }

    @Test
    void envelope() throws SieveException {
        String req = "require [\"envelope\", \"subaddress\"];";
        assertThat(r.describe(req + "if envelope :is \"from\" \"sender@example.com\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if envelope :user \"to\" \"user\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if envelope :detail \"to\" \"box\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if envelope :domain \"to\" \"example.org\" { discard; }")).isEqualTo("discard");
        r.envelopeFrom = "";
        // RFC 5228 §5.4: the null reverse-path matches the empty string whatever the part
        assertThat(r.describe(req + "if envelope :domain :is \"from\" \"\" { discard; }")).isEqualTo("discard");
    }

    @Test
    void subaddressWithoutDetail() throws SieveException {
        r.envelopeTo = "user@example.org";
        String req = "require [\"envelope\", \"subaddress\"];";
        // RFC 5233 §4: no separator, no detail: :detail never matches, :user is the local part
        assertThat(r.describe(req + "if envelope :detail :matches \"to\" \"*\" { discard; }")).isEqualTo("implicit keep");
        assertThat(r.describe(req + "if envelope :user \"to\" \"user\" { discard; }")).isEqualTo("discard");
    }
}
