package dev.surel.protocol.spf;

import java.util.Locale;

/** The results of an SPF check (RFC 7208 §2.6), with their names in Authentication-Results (RFC 8601 §2.7.2). */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    /** The result's name as RFC 7208 and RFC 8601 write it ("pass", "softfail", ...). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
