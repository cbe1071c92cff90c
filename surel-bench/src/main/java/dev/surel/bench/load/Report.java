package dev.surel.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a workload's output goes: exactly one machine-readable line per measure on stdout,
 * {@code RESULT <measure> value=<number> unit=<unit> [p50_ms=..] [p99_ms=..] [ops=..] [errors=..]},
 * and free text on stderr. Errors are counted here and printed (the first {@link #DETAILED} in
 * full, then only counted), never hidden: {@link #exitCode()} is 1 once any error was counted.
 */
final class Report {
    static final int DETAILED = 20;

    private final PrintStream out;
    private final PrintStream err;
    private final AtomicInteger errors = new AtomicInteger();

    Report(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Counts an error and says what it was (the first {@link #DETAILED} of them). */
    void error(String what) {
        int n = errors.incrementAndGet();
        if (n <= DETAILED) err.println("load: error: " + what);
        else if (n == DETAILED + 1) err.println("load: more errors follow; only counting them now");
    }

    int errors() {
        return errors.get();
    }

    /** A line on stderr as it is, with no prefix (the {@code READY} marker). */
    void raw(String line) {
        err.println(line);
        err.flush();
    }

    void info(String text) {
        err.println("load: " + text);
        err.flush();
    }

    /** {@code RESULT measure value=.. unit=..} followed by the {@code key=value} pairs given. */
    void result(String measure, double value, String unit, Object... pairs) {
        StringBuilder b = new StringBuilder("RESULT ").append(measure).append(" value=").append(number(value)).append(" unit=").append(unit);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            b.append(' ').append(pairs[i]).append('=').append(v instanceof Double d ? number(d) : String.valueOf(v));
        }
        synchronized (out) {
            out.println(b);
            out.flush();
        }
    }

    /** A latency measure from a histogram: value is the p50 in ms. */
    void latency(String measure, Histogram h, int measureErrors) {
        result(measure, h.percentileMillis(0.50), "ms", "p50_ms", h.percentileMillis(0.50), "p99_ms", h.percentileMillis(0.99),
                "ops", h.count(), "errors", measureErrors);
    }

    int exitCode() {
        return errors.get() == 0 ? 0 : 1;
    }

    /** Up to three decimals, no exponent, no trailing zeros: 12, 0.5, 1234.567. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
