package dev.surel.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RspamdReplyTest {

    /** Answers of rspamd 3.4 (Debian 12) to /checkv2, as captured. */
    static final String GTUBE = "{\"is_skipped\":true,\"score\":15.0,\"required_score\":15.0,\"action\":\"reject\",\"symbols\":{\"GTUBE\":"
            + "{\"name\":\"GTUBE\",\"score\":0.0,\"metric_score\":0.0}},\"messages\":{\"smtp_message\":\"Gtube pattern\"},"
            + "\"message-id\":\"undef\",\"time_real\":0.060721}";
    static final String PLAIN = "{\"is_skipped\":false,\"score\":10.0,\"required_score\":15.0,\"action\":\"add header\",\"symbols\":{"
            + "\"RDNS_NONE\":{\"name\":\"RDNS_NONE\",\"score\":1.0,\"metric_score\":1.0,\"description\":\"Cannot resolve reverse DNS\"},"
            + "\"MIME_GOOD\":{\"name\":\"MIME_GOOD\",\"score\":-0.100000,\"metric_score\":-0.100000,\"options\":[\"text/plain\"]},"
            + "\"MISSING_MID\":{\"name\":\"MISSING_MID\",\"score\":2.500000,\"metric_score\":2.500000},"
            + "\"ARC_NA\":{\"name\":\"ARC_NA\",\"score\":0.0}},\"messages\":{},\"milter\":{\"remove_headers\":{\"X-Spam\":0}}}";

    @Test
    void answers() {
        RspamdReply g = RspamdReply.parse(GTUBE);
        assertThat(g.score()).isEqualTo(15.0);
        assertThat(g.action()).isEqualTo(RspamdReply.Action.REJECT);
        assertThat(g.symbols()).isEmpty();
        RspamdReply p = RspamdReply.parse(PLAIN);
        assertThat(p.action()).isEqualTo(RspamdReply.Action.OTHER);
        assertThat(p.requiredScore()).isEqualTo(15.0);
        assertThat(p.symbols()).extracting(Contribution::test).containsExactly("MISSING_MID", "RDNS_NONE", "MIME_GOOD");
        assertThat(RspamdReply.parse("{\"score\":1e1,\"action\":\"soft reject\",\"symbols\":{\"a b\\u00e9\":{\"score\":1}}}").symbols())
                .extracting(Contribution::test).containsExactly("a_b_");
    }

    @Test
    void malformedAnswersAreErrors() {
        for (String bad : new String[] {"", "[]", "{\"score\":\"x\"}", "{\"score\":1", "{\"score\":1}x", "[".repeat(100) + "]".repeat(100),
                "{\"a\":\"\\q\"}", "{\"score\":1e999}"}) {
            assertThatThrownBy(() -> RspamdReply.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
