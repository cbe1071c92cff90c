package dev.surel.protocol.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7489 §6.3 tags with their defaults, §6.4 syntax, §6.6.3 what an invalid record means. */
class DmarcRecordTest {

    @Test
    void defaults() throws Exception {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject");
        assertThat(r.policy()).isEqualTo(DmarcRecord.Policy.REJECT);
        assertThat(r.subdomainPolicy()).isEmpty();
        assertThat(r.dkimAlignment()).isEqualTo(Alignment.RELAXED);
        assertThat(r.spfAlignment()).isEqualTo(Alignment.RELAXED);
        assertThat(r.percent()).isEqualTo(100);
        assertThat(r.reportInterval()).isEqualTo(86400);
        assertThat(r.failureOptions()).isEqualTo("0");
        assertThat(r.aggregateReports()).isEmpty();
        assertThat(r.policyFor(true)).isEqualTo(DmarcRecord.Policy.REJECT);
    }

    @Test
    void everyTag() throws Exception {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1;p=Quarantine ;  sp=none;adkim=s; aspf=S; pct=20; ri=3600; fo=1:d;"
                + " rua=mailto:agg@example.com!10m, mailto:b@example.net; ruf=mailto:f@example.com; rf=afrf; future=x");
        assertThat(r.policy()).isEqualTo(DmarcRecord.Policy.QUARANTINE);
        assertThat(r.subdomainPolicy()).contains(DmarcRecord.Policy.NONE);
        assertThat(r.policyFor(false)).isEqualTo(DmarcRecord.Policy.QUARANTINE);
        assertThat(r.policyFor(true)).isEqualTo(DmarcRecord.Policy.NONE);
        assertThat(r.dkimAlignment()).isEqualTo(Alignment.STRICT);
        assertThat(r.spfAlignment()).isEqualTo(Alignment.STRICT);
        assertThat(r.percent()).isEqualTo(20);
        assertThat(r.reportInterval()).isEqualTo(3600);
        assertThat(r.failureOptions()).isEqualTo("1:d");
        assertThat(r.aggregateReports()).containsExactly("mailto:agg@example.com!10m", "mailto:b@example.net");
        assertThat(r.failureReports()).containsExactly("mailto:f@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1; p=reject", "v = DMARC1 ;p=none", "v=DMARC1"})
    void isDmarc(String text) {
        assertThat(DmarcRecord.isDmarc(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p=reject; v=DMARC1", "v=DMARC2; p=reject", "v=dmarc1; p=reject", "v=spf1 -all", "", " v=DMARC1; p=none",
            "v=DMARC1p=none"})
    void notDmarc(String text) {
        assertThat(DmarcRecord.isDmarc(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1", "v=DMARC1; p=bogus", "v=DMARC1; p=reject; adkim=x", "v=DMARC1; p=reject; pct=101",
            "v=DMARC1; p=reject; pct=-1", "v=DMARC1; p=reject; pct=ten", "v=DMARC1; p=reject; p=none", "v=DMARC1; p=reject; sp=maybe",
            "v=DMARC1; p=reject; garbage", "v=DMARC1; p=reject; fo=2", "v=DMARC1; p=reject; ri=soon"})
    void invalidMeansNoPolicy(String text) {
        assertThatThrownBy(() -> DmarcRecord.parse(text)).isInstanceOf(DmarcRecord.Invalid.class);
    }

    @Test
    void missingOrBadPolicyWithValidRuaIsPNone() throws Exception {
        // §6.6.3 step 6
        assertThat(DmarcRecord.parse("v=DMARC1; rua=mailto:d@example.com").policy()).isEqualTo(DmarcRecord.Policy.NONE);
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.com");
        assertThat(r.policy()).isEqualTo(DmarcRecord.Policy.NONE);
        assertThat(r.subdomainPolicy()).isEmpty();
    }

    @Test
    void badReportUriIsLeftOutNotFatal() throws Exception {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject; rua=not a uri, mailto:ok@example.com");
        assertThat(r.aggregateReports()).isEqualTo(List.of("mailto:ok@example.com"));
        assertThat(r.policy()).isEqualTo(DmarcRecord.Policy.REJECT);
    }

    @Test
    void hugeRecordIsInvalid() {
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=reject; x=" + "a".repeat(5000)))
                .isInstanceOf(DmarcRecord.Invalid.class);
        assertThat(Optional.of(DmarcRecord.Policy.REJECT.weaker())).contains(DmarcRecord.Policy.QUARANTINE);
        assertThat(DmarcRecord.Policy.QUARANTINE.weaker()).isEqualTo(DmarcRecord.Policy.NONE);
    }
}
