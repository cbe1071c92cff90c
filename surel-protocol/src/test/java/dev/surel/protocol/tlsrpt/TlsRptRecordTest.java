package dev.surel.protocol.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsRptRecordTest {

    @Test
    void theExamplesOfRfc8460Section3() {
        assertThat(TlsRptRecord.parse("v=TLSRPTv1;rua=mailto:reports@example.com"))
                .contains(new TlsRptRecord(List.of("mailto:reports@example.com")));
        assertThat(TlsRptRecord.parse("v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt"))
                .contains(new TlsRptRecord(List.of("https://reporting.example.com/v1/tlsrpt")));
        assertThat(TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:reports@example.com,https://r.example.com/x; ext=1"))
                .contains(new TlsRptRecord(List.of("mailto:reports@example.com", "https://r.example.com/x")));
    }

    @Test
    void invalidOrSeveralRecordsAreNone() {
        assertThat(TlsRptRecord.parse("v=TLSRPTv1")).isEmpty();
        assertThat(TlsRptRecord.parse("v=TLSRPTv2; rua=mailto:a@b")).isEmpty();
        assertThat(TlsRptRecord.parse("v=TLSRPTv1; rua=ftp://x,mailto:nobody")).isEmpty();
        assertThat(TlsRptRecord.select(List.of("v=TLSRPTv1; rua=mailto:a@b", "v=TLSRPTv1; rua=mailto:c@d"))).isEmpty();
        assertThat(TlsRptRecord.select(List.of("v=spf1 -all", "v=TLSRPTv1; rua=mailto:a@b"))).isPresent();
    }

    @Test
    void jsonStringsAreEscaped() {
        TlsReport r = new TlsReport("org \"x\"\\", "c\n", "id", Instant.parse("2026-12-06T00:00:00Z"), List.of());
        assertThat(r.toJson()).isEqualTo("{\"organization-name\":\"org \\\"x\\\"\\\\\",\"date-range\":{\"start-datetime\":"
                + "\"2026-12-06T00:00:00Z\",\"end-datetime\":\"2026-12-06T23:59:59Z\"},\"contact-info\":\"c\\n\",\"report-id\":\"id\","
                + "\"policies\":[]}");
    }
}
