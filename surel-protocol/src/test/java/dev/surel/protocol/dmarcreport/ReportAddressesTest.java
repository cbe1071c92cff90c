package dev.surel.protocol.dmarcreport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportAddressesTest {

    @Test
    void mailtoUrisWithSizeLimitsAndOtherSchemes() {
        // RFC 7489 §6.2: a DMARC URI may end in "!" size; §6.3: rua is a comma-separated list
        assertThat(ReportAddresses.rua("v=DMARC1; p=none; rua=mailto:a@example.com, mailto:b@x.example!10m ,https://r.example/x"))
                .containsExactly("a@example.com", "b@x.example");
        assertThat(ReportAddresses.rua("v=DMARC1; p=none; ruf=mailto:f@example.com")).isEmpty();
        assertThat(ReportAddresses.rua("v=DMARC1;RUA=mailto:c@example.com?subject=x")).containsExactly("c@example.com");
        assertThat(ReportAddresses.rua("v=DMARC1; rua=mailto:nobody")).isEmpty();
        assertThat(ReportAddresses.domainOf("a@Sub.Example.COM")).isEqualTo("sub.example.com");
    }
}
