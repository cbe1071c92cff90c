package dev.surel.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The pure parts: source ranges, the histogram's percentiles, RESULT number formatting. */
class LoadUnitTest {

    @Test
    void sourcesAreRangesAndLists() {
        assertThat(LoadOptions.parseSources("127.0.0.2-127.0.0.4, 127.0.1.1").stream().map(InetAddress::getHostAddress))
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.1.1");
        assertThat(LoadOptions.parseSources("127.0.0.255-127.0.1.0").stream().map(InetAddress::getHostAddress))
                .containsExactly("127.0.0.255", "127.0.1.0");
        assertThatThrownBy(() -> LoadOptions.parseSources("127.0.0.9-127.0.0.2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadOptions.parseSources("localhost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void histogramPercentilesAreWithinTwoPercent() {
        Histogram h = new Histogram();
        for (int i = 1; i <= 10_000; i++) h.recordNanos(i * 1_000_000L); // 1..10000 ms
        assertThat(h.count()).isEqualTo(10_000);
        assertThat(h.percentileMillis(0.5)).isCloseTo(5000, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(h.percentileMillis(0.99)).isCloseTo(9900, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(h.percentileMillis(1.0)).isEqualTo(10_000);
        Histogram small = new Histogram();
        small.recordNanos(57_000);
        small.recordNanos(-5);
        Histogram merged = new Histogram();
        merged.add(small);
        assertThat(merged.count()).isEqualTo(2);
        assertThat(merged.percentileMillis(0.5)).isEqualTo(0);
        assertThat(merged.percentileMillis(1.0)).isEqualTo(0.057);
        assertThat(new Histogram().percentileMillis(0.5)).isZero();
    }

    @Test
    void bucketsCoverEveryValueContiguously() {
        for (long v = 0; v < 1 << 20; v++) {
            int i = Histogram.index(v);
            assertThat(Histogram.index(Histogram.midpoint(i))).isEqualTo(i);
        }
        assertThat(Histogram.index(Long.MAX_VALUE)).isLessThan(64 * 64);
    }

    @Test
    void numbersHaveNoExponentAndNoTrailingZeros() {
        assertThat(Report.number(12)).isEqualTo("12");
        assertThat(Report.number(0.5)).isEqualTo("0.5");
        assertThat(Report.number(1234.5678)).isEqualTo("1234.568");
        assertThat(Report.number(-1)).isEqualTo("-1");
        assertThat(Report.number(1e-7)).isEqualTo("0");
    }
}
