package dev.surel.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.sieve.DeliveryOutcome.Kind;
import dev.surel.sieve.DeliveryOutcome.Sent;
import dev.surel.sieve.DeliveryOutcome.Stored;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Surel side of {@link DeliveryComparisonTest} on its own, with what Surel does today (no
 * Sieve at delivery): a message sent to port 25 is read back over IMAP with its folder, flags and
 * subject (flags and a copy made over IMAP here), mail that leaves Surel (an alias to a remote
 * address) is caught at the relay peer with its envelope, and a script Surel refuses is a note.
 */
class SurelDeliveryTest {
    static final String ALICE = "alice@example.test";

    @TempDir Path dir;

    @Test
    void storedMessagesAreReadWithFoldersFlagsAndSubjects() throws Exception {
        try (SurelDelivery s = new SurelDelivery(dir, ALICE)) {
            assertThat(s.script("require \"fileinto\";\nkeep;\n")).isTrue();
            s.deliver(DeliveryCorpus.mail("carol@example.org", "first", "", "1").octets(), "carol@example.org", ALICE);
            s.deliver(DeliveryCorpus.mail("carol@example.org", "second", "", "2").octets(), "carol@example.org", ALICE);
            s.folder("Work");
            assertThat(s.imap("SELECT INBOX", "STORE 1 +FLAGS (\\Flagged $Label)", "COPY 1 Work", "STORE 2 +FLAGS (\\Seen)"))
                    .allMatch(l -> l.matches("t\\d+ OK.*"));
            DeliveryOutcome o = s.outcome();
            assertThat(o.stored()).containsExactly(new Stored("INBOX", List.of("$label", "\\flagged"), "first"),
                    new Stored("INBOX", List.of("\\seen"), "second"), new Stored("Work", List.of("$label", "\\flagged"), "first"));
            assertThat(o.sent()).isEmpty();
            assertThat(o.notes()).isEmpty();
        }
    }

    @Test
    void mailLeavingSurelIsCaughtWithItsEnvelope() throws Exception {
        try (SurelDelivery s = new SurelDelivery(dir, ALICE, setup -> setup.alias("fwd@example.test", List.of("bob@remote.example")))) {
            s.deliver(DeliveryCorpus.mail("carol@example.org", "fwd@example.test", "fwd@example.test", "passed on", "", "p").octets(),
                    "carol@example.org", "fwd@example.test");
            List<Sent> sent = s.outcome().sent();
            assertThat(sent).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(Kind.REDIRECT);
                assertThat(m.rcptTo()).isEqualTo("bob@remote.example");
                assertThat(m.subject()).isEqualTo("passed on");
                assertThat(m.inReplyTo()).as("the original Message-ID").matches("<[0-9a-f]+@example\\.org>");
            });
        }
    }

    @Test
    void aRefusedScriptIsANote() throws Exception {
        try (SurelDelivery s = new SurelDelivery(dir, ALICE)) {
            assertThat(s.script("require \"no-such-extension\";\n")).isFalse();
            assertThat(s.outcome().notes()).singleElement().asString().startsWith("Surel refused the script: NO");
        }
    }
}
