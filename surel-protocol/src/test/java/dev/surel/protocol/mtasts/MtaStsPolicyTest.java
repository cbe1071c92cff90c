package dev.surel.protocol.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {

    @Test
    void theExampleOfRfc8461Section32() {
        MtaStsPolicy p = MtaStsPolicy.parse("""
                version: STSv1
                mode: enforce
                mx: mail.example.com
                mx: *.example.net
                mx: backupmx.example.com
                max_age: 604800
                """).orElseThrow();
        assertThat(p.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThat(p.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(p.allows("mail.example.com")).isTrue();
        assertThat(p.allows("MAIL.example.com.")).isTrue();
        assertThat(p.allows("mx1.example.net")).isTrue();
        // §4.1: the wildcard covers exactly one label
        assertThat(p.allows("example.net")).isFalse();
        assertThat(p.allows("a.b.example.net")).isFalse();
        assertThat(p.allows("mail.example.org")).isFalse();
    }

    @Test
    void crlfLinesUnknownKeysAndALongMaxAge() {
        MtaStsPolicy p = MtaStsPolicy.parse("version: STSv1\r\nmode: testing\r\nmx: mx.example.com\r\nx-ext: 1\r\nmax_age: 9999999999\r\n")
                .orElseThrow();
        assertThat(p.mode()).isEqualTo(MtaStsPolicy.Mode.TESTING);
        assertThat(p.maxAge()).isEqualTo(MtaStsPolicy.MAX_AGE);
    }

    @Test
    void invalidPoliciesAreRefused() {
        for (String bad : List.of("", "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n",
                "version: STSv1\nmode: ENFORCE\nmx: a.example\nmax_age: 1\n", "version: STSv1\nmode: enforce\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: a.example\n", "version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n", "<html>not a policy</html>")) {
            assertThat(MtaStsPolicy.parse(bad)).as(bad).isEmpty();
        }
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 86400\n")).isPresent();
    }

    @Test
    void theTxtRecord() {
        assertThat(MtaStsRecord.select(List.of("v=spf1 -all", "v=STSv1; id=20160831085700Z;"))).contains(new MtaStsRecord("20160831085700Z"));
        assertThat(MtaStsRecord.select(List.of("v=STSv1; id=a", "v=STSv1; id=b"))).isEmpty(); // §3.1: more than one
        assertThat(MtaStsRecord.parse("v=STSv1")).isEmpty();
        assertThat(MtaStsRecord.parse("v=STSv1; id=has-dash")).isEmpty();
        assertThat(MtaStsRecord.parse("v=STSv1;id=abc; ext=1")).contains(new MtaStsRecord("abc"));
    }
}
