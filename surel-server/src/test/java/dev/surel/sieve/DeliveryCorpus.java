package dev.surel.sieve;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scripts and messages of {@link DeliveryComparisonTest}: each case is one user's active
 * script, the folders that exist before (for fileinto without :create), and the messages
 * delivered to the user one after the other (so vacation and duplicate see the earlier ones).
 * Subjects are unique within a case (except the duplicate), ASCII, and folder names have no "."
 * (Dovecot's Maildir++ separator).
 */
final class DeliveryCorpus {
    static final String ALICE = "alice@example.test";

    private DeliveryCorpus() {
    }

    /** One message and its SMTP envelope ({@code ""} is the null reverse-path). */
    record Mail(String mailFrom, String rcptTo, byte[] octets) {
        @Override
        public String toString() {
            return "<" + mailFrom + "> -> <" + rcptTo + "> " + DeliveryOutcome.field(DeliveryOutcome.header(octets), "Subject");
        }
    }

    /**
     * A case; {@code pigeonholeErrs} when Pigeonhole is meant to log an error for it (a failed
     * action); otherwise an error in Dovecot's log fails the case, so that a script Pigeonhole
     * does not run cannot pass for agreement.
     */
    record Case(String name, String script, List<String> folders, List<Mail> mails, boolean pigeonholeErrs) {
        Case(String name, String script, List<String> folders, List<Mail> mails) {
            this(name, script, folders, mails, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A message from {@code from} (also the envelope sender) to alice with these extra header lines. */
    static Mail mail(String from, String subject, String extraHeaders, String body) {
        return mail(from, ALICE, "alice@example.test", subject, extraHeaders, body);
    }

    static Mail mail(String from, String rcptTo, String toHeader, String subject, String extraHeaders, String body) {
        String header = from.isEmpty() ? "MAILER-DAEMON@example.org" : from;
        String id = Integer.toHexString((from + subject).hashCode()) + "@" + header.substring(header.indexOf('@') + 1);
        return raw(from, rcptTo, "From: " + header + "\r\nTo: " + toHeader + "\r\nSubject: " + subject
                + "\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + id + ">\r\n" + extraHeaders + "\r\n" + body + "\r\n");
    }

    static Mail raw(String mailFrom, String rcptTo, String text) {
        return new Mail(mailFrom, rcptTo, text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    static final String CAROL = "carol@example.org";

    static List<Case> cases() {
        Mail hello = mail(CAROL, "hello", "", "Just saying hello.");
        return List.of(
                new Case("fileinto", """
                        require "fileinto";
                        if header :contains "subject" "report" { fileinto "Reports"; }
                        """, List.of("Reports"), List.of(mail(CAROL, "weekly report", "", "Numbers."), hello)),
                new Case("fileinto-create", """
                        require ["fileinto", "mailbox"];
                        if header :contains "subject" "invoice" { fileinto :create "Invoices"; }
                        """, List.of(), List.of(mail(CAROL, "invoice 42", "", "Pay."), hello)),
                new Case("fileinto-missing-folder", """
                        require ["fileinto", "imap4flags"];
                        addflag "\\\\Flagged";
                        fileinto "Missing";
                        """, List.of(), List.of(mail(CAROL, "to a missing folder", "", "Where?")), true),
                new Case("imap4flags", """
                        require ["fileinto", "imap4flags"];
                        if header :is "X-Priority" "1" { setflag "\\\\Flagged"; }
                        addflag ["$Important", "\\\\Answered"];
                        if header :contains "subject" "read" { fileinto :flags "\\\\Seen $Read" "Archive"; stop; }
                        removeflag "$Important";
                        """, List.of("Archive"), List.of(mail(CAROL, "urgent", "X-Priority: 1\r\n", "Now."),
                        mail(CAROL, "already read", "", "Old news."), hello)),
                new Case("keep-flags", """
                        require "imap4flags";
                        keep :flags ["$Kept", "\\\\Draft"];
                        if header :contains "subject" "twice" { keep; }
                        """, List.of(), List.of(hello, mail(CAROL, "keep twice", "", "Two keeps, one copy."))),
                new Case("discard-stop", """
                        if address :domain "from" "spam.example" { discard; stop; }
                        if header :contains "subject" "stop" { stop; }
                        """, List.of(), List.of(mail("seller@spam.example", "cheap", "", "Buy."), mail(CAROL, "stop here", "", "x"))),
                new Case("copy-and-multiple-fileinto", """
                        require ["fileinto", "copy", "mailbox"];
                        fileinto :copy :create "Copies";
                        if header :contains "subject" "stop" { stop; }
                        fileinto :create "First";
                        fileinto :create "Second";
                        fileinto :create "First";
                        """, List.of(), List.of(mail(CAROL, "stop after the copy", "", "x"), mail(CAROL, "go on", "", "y"))),
                new Case("subaddress-variables", """
                        require ["fileinto", "mailbox", "envelope", "subaddress", "variables"];
                        if envelope :detail :matches "to" "?*" {
                          set :lower "box" "${0}";
                          fileinto :create "plus-${box}";
                        }
                        """, List.of(), List.of(mail(CAROL, "alice+Work@example.test", "alice+Work@example.test", "to work", "", "w"),
                        mail(CAROL, "alice+lists@example.test", "alice@example.test", "to lists", "", "l"), hello)),
                new Case("address-header-matches", """
                        require ["fileinto", "mailbox", "variables", "regex"];
                        if address :domain :matches "from" "*.example.net" { fileinto :create "from-${1}"; stop; }
                        if address :localpart :is ["to", "cc"] "team" { fileinto :create "Team"; stop; }
                        if header :regex "subject" "^\\\\[([a-z]+)\\\\]" { fileinto :create "tag-${1}"; }
                        """, List.of(), List.of(mail("news@lists.example.net", "monthly", "", "n"),
                        mail(CAROL, ALICE, "team@example.test", "team meeting", "Cc: alice@example.test\r\n", "t"),
                        mail(CAROL, "[ops] disk full", "", "d"), hello)),
                new Case("body-relational", """
                        require ["fileinto", "mailbox", "body", "relational", "comparator-i;ascii-numeric", "imap4flags"];
                        if body :contains "unsubscribe" { fileinto :create "Newsletters"; stop; }
                        if header :value "ge" :comparator "i;ascii-numeric" "X-Score" "5" { fileinto :create "Scored"; stop; }
                        if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "3" { addflag "$Crowd"; }
                        """, List.of(), List.of(mail(CAROL, "letter", "", "To unsubscribe, click."),
                        mail(CAROL, "score 12", "X-Score: 12\r\n", "s"), mail(CAROL, "score 4", "X-Score: 4\r\n", "s"),
                        mail(CAROL, ALICE, "alice@example.test, bob@example.test", "crowd", "Cc: dave@example.org\r\n", "c"))),
                new Case("date", """
                        require ["date", "relational", "comparator-i;ascii-numeric", "imap4flags", "fileinto", "mailbox"];
                        if date :value "ge" :comparator "i;ascii-numeric" "date" "year" "2026" { addflag "$ThisYear"; }
                        if date :is :zone "+0000" "date" "weekday" "1" { addflag "$Monday"; }
                        if date :is :originalzone "date" "hour" "23" { fileinto :create "Late"; }
                        """, List.of(), List.of(hello, raw(CAROL, ALICE, "From: carol@example.org\nTo: alice@example.test\nSubject: late"
                        + "\nDate: Sun, 06 Dec 2015 23:30:00 -0500\nMessage-ID: <late@example.org>\n\nz\n"))),
                new Case("duplicate", """
                        require ["duplicate", "fileinto", "mailbox"];
                        if duplicate { fileinto :create "Dups"; }
                        """, List.of(), List.of(hello, hello, mail(CAROL, "different", "", "x"))),
                new Case("editheader", """
                        require ["editheader", "variables", "fileinto", "mailbox"];
                        if header :matches "subject" "*" { deleteheader "subject"; addheader "Subject" "[ext] ${1}"; }
                        if header :contains "subject" "[ext] move" { fileinto :create "Edited"; }
                        """, List.of(), List.of(mail(CAROL, "move me", "", "m"), hello)),
                new Case("vacation", """
                        require "vacation";
                        vacation :days 1 :subject "Out of office" "I am away until Monday.";
                        """, List.of(), List.of(mail(CAROL, "first", "", "1"), mail(CAROL, "second", "", "2"),
                        mail("dave@example.org", "list post", "List-Id: <talk.example.org>\r\n", "l"),
                        mail("erin@example.org", "bulk", "Precedence: bulk\r\n", "b"),
                        mail("frank@example.org", "auto", "Auto-Submitted: auto-generated\r\n", "a"),
                        mail("grace@example.org", ALICE, "someone@example.org", "not to you", "", "n"),
                        mail("", ALICE, "alice@example.test", "from the null sender", "", "bounce"))),
                new Case("vacation-addresses", """
                        require "vacation";
                        vacation :days 1 :addresses ["a.smith@example.org"] :subject "Away: later" "Back soon.";
                        """, List.of(), List.of(
                        mail(CAROL, ALICE, "A. Smith <a.smith@example.org>", "to my other address", "", "o"),
                        mail("dave@example.org", ALICE, "Alice <ALICE@Example.Test>", "to me in capitals", "", "c"))),
                // RFC 5228 §2.10.3: INBOX is stored once. Pigeonhole 0.5.19's dovecot-lda keeps the FIRST action's flags
                // ($Filed), although its sieve-test prints the later keep's ($Kept): the delivery is what is compared here.
                new Case("fileinto-inbox-once", """
                        require ["fileinto", "imap4flags"];
                        fileinto :flags "$Filed" "INBOX";
                        if header :contains "subject" "keep" { keep :flags "$Kept"; }
                        """, List.of(), List.of(mail(CAROL, "filed only", "", "f"), mail(CAROL, "filed and keep", "", "k"))),
                new Case("redirect", """
                        require "copy";
                        redirect :copy "bob@remote.example";
                        if header :contains "subject" "move" { redirect "carol2@remote.example"; }
                        """, List.of(), List.of(mail(CAROL, "copy me", "", "c"), mail(CAROL, "move me", "", "m"))),
                new Case("reject", """
                        require "reject";
                        if header :contains "subject" "buy" { reject "No thanks."; }
                        """, List.of(), List.of(mail("seller@shop.example", "buy now", "", "b"), hello)));
    }
}
