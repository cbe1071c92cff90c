package dev.surel.protocol.spf;

import java.util.List;

/**
 * A parsed SPF record (RFC 7208 §4.5, §4.6): its directives in order and the two modifiers it may
 * carry at most once each (§6); unknown modifiers are dropped (§6).
 *
 * @param redirect {@code redirect=} domain-spec, or null
 * @param exp      {@code exp=} domain-spec, or null
 */
public record SpfRecord(List<Directive> directives, MacroString redirect, MacroString exp) {
    public SpfRecord {
        directives = List.copyOf(directives);
    }

    /** How many terms of this record query DNS (the mechanisms of §4.6.4 and {@code redirect}). */
    public int dnsTerms() {
        int n = redirect != null ? 1 : 0;
        for (Directive d : directives) {
            if (d.mechanism().queriesDns()) n++;
        }
        return n;
    }
}
