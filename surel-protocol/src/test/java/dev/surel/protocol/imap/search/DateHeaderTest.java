package dev.surel.protocol.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5322 §3.3 / §4.3 dates as found in the wild. */
class DateHeaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)|1996-07-17T02:23:25-07:00",
            "17 Jul 1996 02:23:25 -0700|1996-07-17T02:23:25-07:00",
            "Mon, 23 Nov 2026 23:30 -1200|2026-11-23T23:30-12:00",
            "Tue, 24 Nov 2026 00:30:00 +1400|2026-11-24T00:30+14:00",
            "Fri, 1 Jan 99 10:00:00 EST|1999-01-01T10:00-05:00",
            "Fri, 1 Jan 04 10:00:00 GMT|2004-01-01T10:00Z",
            "1 January 2021 10:00:00 PDT|2021-01-01T10:00-07:00",
            "Thu, 13 Feb 103 10:00:00 +0000|2003-02-13T10:00Z",
            "Thu, 13 Feb 2003 10:00:00 A|2003-02-13T10:00Z",
            "Thu, 13 Feb 2003 10:00:00|2003-02-13T10:00Z",
            "Thu, 31 Feb 2003 10:00:00 +0000|null",
            "not a date|null",
            "Thu, 13 Foo 2003 10:00:00 +0000|null",
    })
    void parses(String header, String expected) {
        assertThat(DateHeader.parse(header)).isEqualTo(
                java.util.Optional.ofNullable(expected).map(OffsetDateTime::parse));
    }
}
