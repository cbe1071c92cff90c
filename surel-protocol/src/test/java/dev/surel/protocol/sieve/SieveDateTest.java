package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** date and index (RFC 5260). The message's Date is Mon, 7 Dec 2026 09:00:00 -0500; now is 10:15:30 +0100. */
class SieveDateTest {

    private final SieveRun r = new SieveRun();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "year     | 2026",
            "month    | 12",
            "day      | 07",
            "date     | 2026-12-07",
            "julian   | 61381",
            "hour     | 09",
            "minute   | 00",
            "second   | 00",
            "time     | 09:00:00",
            "iso8601  | 2026-12-07T09:00:00-05:00",
            "std11    | Mon, 07 Dec 2026 09:00:00 -0500",
            "zone     | -0500",
            "weekday  | 1",
    })
    void datePartsInTheOriginalZone(String part, String value) throws SieveException {
        assertThat(r.describe("require [\"date\", \"variables\"]; if date :originalzone \"date\" \"" + part + "\" \"" + value
                + "\" { discard; }")).isEqualTo("discard");
    }

    @Test
    void zones() throws SieveException {
        String req = "require [\"date\"];";
        // :zone converts (14:00 UTC = 15:00 +0100); without a zone the local zone of now() is used
        assertThat(r.describe(req + "if date :zone \"+0000\" \"date\" \"hour\" \"14\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if date \"date\" \"hour\" \"15\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if date \"date\" \"zone\" \"+0100\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if currentdate \"time\" \"10:15:30\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if currentdate :zone \"-0800\" \"date\" \"2026-12-07\" { discard; }")).isEqualTo("discard");
        // a missing or malformed date is false (§4)
        assertThat(r.describe(req + "if date :matches \"x-none\" \"year\" \"*\" { discard; }")).isEqualTo("implicit keep");
        assertThat(r.describe(req + "if date :matches \"subject\" \"year\" \"*\" { discard; }")).isEqualTo("implicit keep");
    }

    @Test
    void relationalOnDates() throws SieveException {
        assertThat(r.describe("require [\"date\", \"relational\"]; if currentdate :value \"ge\" \"date\" \"2026-01-01\" { discard; }"))
                .isEqualTo("discard");
        assertThat(r.describe("require [\"date\", \"relational\"]; if currentdate :value \"lt\" \"date\" \"2026-01-01\" { discard; }"))
                .isEqualTo("implicit keep");
    }

    @Test
    void index() throws SieveException {
        // X-Priority: 3, then X-Priority: 10 (RFC 5260 §6)
        String req = "require [\"index\"];";
        assertThat(r.describe(req + "if header :index 1 \"x-priority\" \"3\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if header :index 1 :last \"x-priority\" \"10\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if header :index 2 :last \"x-priority\" \"10\" { discard; }")).isEqualTo("implicit keep");
        assertThat(r.describe(req + "if header :index 3 \"x-priority\" \"10\" { discard; }")).isEqualTo("implicit keep");
        assertThat(r.describe(req + "if address :index 2 :domain \"to\" \"example.net\" { discard; }")).isEqualTo("implicit keep");
    }
}
