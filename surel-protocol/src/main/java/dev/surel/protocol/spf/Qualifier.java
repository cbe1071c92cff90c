package dev.surel.protocol.spf;

/** A directive's qualifier and the result it gives when its mechanism matches (RFC 7208 §4.6.2). */
public enum Qualifier {
    PASS('+', SpfResult.PASS),
    FAIL('-', SpfResult.FAIL),
    SOFTFAIL('~', SpfResult.SOFTFAIL),
    NEUTRAL('?', SpfResult.NEUTRAL);

    private final char symbol;
    private final SpfResult result;

    Qualifier(char symbol, SpfResult result) {
        this.symbol = symbol;
        this.result = result;
    }

    public char symbol() {
        return symbol;
    }

    public SpfResult result() {
        return result;
    }

    /** The qualifier for {@code c}, or null when {@code c} is not one. */
    static Qualifier of(char c) {
        for (Qualifier q : values()) {
            if (q.symbol == c) return q;
        }
        return null;
    }
}
