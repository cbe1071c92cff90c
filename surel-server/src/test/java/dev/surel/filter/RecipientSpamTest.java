package dev.surel.filter;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.filter.Contribution;
import dev.surel.protocol.filter.SpamScore;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-recipient rescoring at delivery over a real trained store: the X-Spam fields written
 * again with BAYES_SPAM / BAYES_HAM, the Junk decision, and nothing changed when there is nothing
 * to say (no fields, untrained, off).
 */
class RecipientSpamTest {
    static final String AR = "Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=example.net\r\n";
    static final String SPAMMY = "Subject: offer\r\n\r\ncheap viagra pills prize now\r\n";
    static final String HAMMY = "Subject: note\r\n\r\nmeeting agenda budget thursday\r\n";

    @TempDir Path dir;
    TestStore t;
    RecipientSpam spam;

    @BeforeEach
    void trained() {
        t = TestServer.setup().toml("filter", "enabled = true\njunk_score = 3.0\nbayes_weight = 2.5").user(ALICE, "pw").user(BOB, "pw").open(dir);
        BayesStore b = t.services().bayes();
        for (int i = 0; i < 12; i++) {
            b.train(t.alice(), Set.of("cheap", "viagra", "pills", "prize", "now", "spam" + i), true);
            b.train(t.alice(), Set.of("meeting", "agenda", "budget", "thursday", "now", "ham" + i), false);
        }
        spam = RecipientSpam.over(b, t.config().filter(), MimeSettings.defaults());
    }

    @AfterEach
    void close() {
        t.close();
    }

    static RecipientSpam.Opener bytes(String message) {
        return () -> new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8));
    }

    static String fields(double required, Object... testsAndPoints) {
        List<Contribution> c = new ArrayList<>();
        for (int i = 0; i < testsAndPoints.length; i += 2) c.add(new Contribution((String) testsAndPoints[i], (Double) testsAndPoints[i + 1]));
        return new SpamScore(c).fields(required);
    }

    @Test
    void spamWordsAddBayesSpamAndCanTipIntoJunk() throws IOException {
        String prefix = AR + fields(3.0, "DKIM_PASS", -0.5, "MISSING_DATE", 1.2);
        RecipientSpam.Rescored r = spam.rescore(t.alice(), bytes(SPAMMY), prefix, false);
        assertThat(r.prefix()).isEqualTo(AR + "X-Spam-Score: 3.2\r\n"
                + "X-Spam-Status: Yes, score=3.2 required=3.0 tests=DKIM_PASS,MISSING_DATE,\r\n\tBAYES_SPAM\r\n");
        assertThat(r.junk()).isTrue();
    }

    @Test
    void hamWordsAddBayesHamAndTakeAScoreJunkOut() throws IOException {
        String prefix = AR + fields(3.0, "MISSING_DATE", 1.2, "HDR_SHOUT", 2.0);
        RecipientSpam.Rescored r = spam.rescore(t.alice(), bytes(HAMMY), prefix, true);
        assertThat(r.prefix()).isEqualTo(AR + "X-Spam-Score: 0.7\r\n"
                + "X-Spam-Status: No, score=0.7 required=3.0 tests=MISSING_DATE,HDR_SHOUT,\r\n\tBAYES_HAM\r\n");
        assertThat(r.junk()).isFalse();
    }

    @Test
    void junkThatTheScoreDidNotCauseStaysJunk() throws IOException {
        // status No yet in Junk: the DMARC policy quarantined it
        RecipientSpam.Rescored r = spam.rescore(t.alice(), bytes(HAMMY), AR + fields(3.0, "DKIM_PASS", -0.5), true);
        assertThat(r.prefix()).contains("BAYES_HAM");
        assertThat(r.junk()).isTrue();
        // status Yes with DMARC_FAIL: the policy may have done it too
        r = spam.rescore(t.alice(), bytes(HAMMY), AR + fields(3.0, "DMARC_FAIL", 3.5), true);
        assertThat(r.prefix()).contains("score=1.0 ", "BAYES_HAM");
        assertThat(r.junk()).isTrue();
    }

    @Test
    void aLongFoldedTestListIsReadBack() throws IOException {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add("RSPAMD_SYMBOL_NUMBER_" + i);
            many.add(0.1);
        }
        String prefix = fields(3.0, many.toArray());
        assertThat(prefix).contains("\r\n\t");
        RecipientSpam.Rescored r = spam.rescore(t.alice(), bytes(SPAMMY), prefix, false);
        String unfolded = r.prefix().replace("\r\n\t", "");
        for (int i = 0; i < 20; i++) assertThat(unfolded).containsOnlyOnce("RSPAMD_SYMBOL_NUMBER_" + i + ",");  // 19: before BAYES_SPAM
        assertThat(unfolded).contains("score=4.5 ", "RSPAMD_SYMBOL_NUMBER_19,BAYES_SPAM\r\n").startsWith("X-Spam-Score: 4.5\r\n");
        assertThat(r.prefix().lines()).allMatch(l -> l.length() <= 78);
    }

    @Test
    void nothingChangesWithoutFieldsUntrainedUnsureOrOff() throws IOException {
        RecipientSpam.Opener never = () -> {
            throw new AssertionError("the message must not be read");
        };
        assertThat(spam.rescore(t.alice(), never, AR, false)).isEqualTo(new RecipientSpam.Rescored(AR, false));
        assertThat(spam.rescore(t.alice(), never, "", true)).isEqualTo(new RecipientSpam.Rescored("", true));
        String prefix = AR + fields(3.0, "DKIM_PASS", -0.5);
        assertThat(spam.rescore(t.bob(), never, prefix, false)).as("bob untrained: not even read").isEqualTo(new RecipientSpam.Rescored(prefix, false));
        assertThat(spam.rescore(t.alice(), bytes("Subject: x\r\n\r\nnothing known here\r\n"), prefix, false))
                .as("unsure").isEqualTo(new RecipientSpam.Rescored(prefix, false));
        assertThat(RecipientSpam.off().rescore(t.alice(), never, prefix, false)).isEqualTo(new RecipientSpam.Rescored(prefix, false));
        RecipientSpam bayesOff = RecipientSpam.over(new BayesStore(t.services().database(), BayesSettings.off(), t.clock()),
                t.config().filter(), MimeSettings.defaults());
        assertThat(bayesOff.rescore(t.alice(), never, prefix, false)).isEqualTo(new RecipientSpam.Rescored(prefix, false));
    }
}
