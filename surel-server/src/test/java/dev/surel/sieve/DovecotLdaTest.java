package dev.surel.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.sieve.DeliveryOutcome.Kind;
import dev.surel.sieve.DeliveryOutcome.Sent;
import dev.surel.sieve.DeliveryOutcome.Stored;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dovecot side of {@link DeliveryComparisonTest} on its own: for a few scripts, what
 * Debian's dovecot-lda with Pigeonhole stores and sends equals hand-written expectations, so
 * the harness (configuration, Maildir and keyword reading, the sendmail capture) is proven to
 * read Dovecot right.
 */
class DovecotLdaTest {
    static final String ALICE = "alice@example.test";
    static final String CAROL = "carol@example.org";

    @TempDir Path dir;

    static byte[] message(String subject, String id) {
        return ("From: Carol <carol@example.org>\r\nTo: alice@example.test\r\nSubject: " + subject
                + "\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + id + "@example.org>\r\n\r\nHello.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fileIntoWithFlagsAndOneVacationReply() throws Exception {
        DovecotLda lda = new DovecotLda(dir, ALICE);
        lda.script("""
                require ["fileinto", "mailbox", "imap4flags", "vacation"];
                vacation :days 1 :subject "Away" "I am away.";
                fileinto :create :flags ["\\\\Seen", "$Work"] "Work";
                """);
        assertThat(lda.deliver(message("one", "1"), CAROL, ALICE).exitCode()).isZero();
        assertThat(lda.deliver(message("two", "2"), CAROL, ALICE).exitCode()).isZero();
        DeliveryOutcome o = lda.outcome(List.of());
        assertThat(o.stored()).as(lda.log()).containsExactly(
                new Stored("Work", List.of("$work", "\\seen"), "one"), new Stored("Work", List.of("$work", "\\seen"), "two"));
        assertThat(o.sent()).as("one reply per sender and period (RFC 5230 §4.2)\n" + lda.log()).containsExactly(
                new Sent(Kind.REPLY, "", CAROL, "Away", "auto-replied", "<1@example.org>", "<1@example.org>"));
    }

    @Test
    void aMissingFolderWithoutCreateIsAnErrorThatKeepsInTheInbox() throws Exception {
        DovecotLda lda = new DovecotLda(dir, ALICE);
        lda.script("""
                require ["fileinto", "imap4flags"];
                addflag "\\\\Flagged";
                fileinto "Missing";
                """);
        assertThat(lda.deliver(message("lost?", "3"), CAROL, ALICE).exitCode()).isZero();
        DeliveryOutcome o = lda.outcome(List.of());
        // RFC 5228 §2.10.6: a failed action cancels the implicit keep's cancellation; Pigeonhole keeps without the flags
        assertThat(o.stored()).as(lda.log()).containsExactly(new Stored("INBOX", List.of(), "lost?"));
        assertThat(o.sent()).isEmpty();
        assertThat(lda.log()).contains("Mailbox doesn't exist: Missing");
    }

    @Test
    void redirectKeepsTheEnvelopeSenderAndRejectSendsAReport() throws Exception {
        DovecotLda lda = new DovecotLda(dir, ALICE);
        lda.script("""
                require ["reject", "copy"];
                if header :contains "subject" "forward" { redirect :copy "bob@elsewhere.example"; stop; }
                reject "Not wanted.";
                """);
        DovecotLda.Delivery d4 = lda.deliver(message("forward this", "4"), CAROL, "alice+x@example.test");
        assertThat(d4.exitCode()).as(d4.log() + lda.log()).isZero();
        assertThat(lda.deliver(message("spam", "5"), CAROL, ALICE).exitCode()).isZero();
        DeliveryOutcome o = lda.outcome(List.of());
        assertThat(o.stored()).as(lda.log()).containsExactly(new Stored("INBOX", List.of(), "forward this"));
        assertThat(o.sent()).containsExactly(
                new Sent(Kind.REDIRECT, CAROL, "bob@elsewhere.example", "forward this", "", "<4@example.org>", ""),
                new Sent(Kind.REPORT, "", CAROL, "", "", "", ""));
    }
}
