package dev.surel.protocol.authres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8601 §2.2-§2.3 resinfos read back, including the examples of its Appendix B. */
class ResultsReaderTest {

    @Test
    void readsMethodsResultsAndProperties() {
        // RFC 8601 B.4 (with the comments of the example)
        List<ResultsReader.Result> r = ResultsReader.read("""
                 example.com;
                          auth=pass (cram-md5) smtp.auth=sender@example.net;
                          spf=pass smtp.mailfrom=example.net
                """);
        assertThat(r).extracting(ResultsReader.Result::method).containsExactly("auth", "spf");
        assertThat(r.get(0).property("smtp.auth")).isEqualTo("sender@example.net");
        assertThat(r.get(1).result()).isEqualTo("pass");
        assertThat(r.get(1).property("smtp.mailfrom")).isEqualTo("example.net");
    }

    @Test
    void versionsCommentsQuotesAndSpaces() {
        List<ResultsReader.Result> r = ResultsReader.read(" \"mail.example.org\" 1; DKIM/1 = Pass (good (nested) sig)"
                + " header.d = \"example.com\" header.b=abcd; dmarc=fail (p=reject) header.from=example.com; none");
        assertThat(r).hasSize(2);
        assertThat(r.get(0)).isEqualTo(new ResultsReader.Result("dkim", "pass", java.util.Map.of("header.d", "example.com", "header.b", "abcd")));
        assertThat(r.get(1).method()).isEqualTo("dmarc");
        assertThat(r.get(1).property("header.from")).isEqualTo("example.com");
    }

    @Test
    void nonsenseGivesNothingRatherThanAnError() {
        assertThat(ResultsReader.read("")).isEmpty();
        assertThat(ResultsReader.read("x; (unterminated")).isEmpty();
        assertThat(ResultsReader.read("x; =; ;;; \"open")).isEmpty();
        assertThat(ResultsReader.read("x;" + "a=b;".repeat(1000))).hasSize(ResultsReader.MAX_RESULTS);
    }
}
