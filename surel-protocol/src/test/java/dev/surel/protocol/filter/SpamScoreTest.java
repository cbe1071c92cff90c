package dev.surel.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpamScoreTest {

    @Test
    void fields() {
        SpamScore s = new SpamScore(List.of(new Contribution("GTUBE", 1000), new Contribution("DMARC_FAIL", 3.5)));
        assertThat(s.fields(5)).isEqualTo("X-Spam-Score: 1003.5\r\nX-Spam-Status: Yes, score=1003.5 required=5.0 tests=GTUBE,DMARC_FAIL\r\n");
        assertThat(new SpamScore(List.of()).fields(5)).isEqualTo("X-Spam-Score: 0.0\r\nX-Spam-Status: No, score=0.0 required=5.0 tests=none\r\n");
        assertThat(new SpamScore(List.of(new Contribution("DMARC_PASS", -1))).fields(5)).startsWith("X-Spam-Score: -1.0\r\n");
    }

    @Test
    void aLongTestListIsFolded() {
        List<Contribution> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) many.add(new Contribution("SOME_LONG_RULE_NAME_" + i, 0.1));
        String f = new SpamScore(many).fields(5);
        for (String line : f.split("\r\n")) assertThat(line.length()).isLessThanOrEqualTo(78);
        assertThat(f.replace("\r\n\t", "")).contains("tests=SOME_LONG_RULE_NAME_0,SOME_LONG_RULE_NAME_1,")
                .contains("SOME_LONG_RULE_NAME_39\r\n");
    }

    @Test
    void testNamesAreSafe() {
        assertThat(Contribution.name("zen.spamhaus.org")).isEqualTo("zen.spamhaus.org");
        assertThat(Contribution.name("a b\r\nc,é")).isEqualTo("a_b__c__");
        assertThatThrownBy(() -> new Contribution("A,B", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Contribution("A", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
