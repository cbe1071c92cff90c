package dev.surel.protocol.dmarc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A DMARC policy record (RFC 7489 §6.3, syntax §6.4), with the defaults of §6.3 for absent tags:
 * adkim=r, aspf=r, pct=100, ri=86400, fo=0, rf=afrf; sp absent means p applies to subdomains.
 *
 * <p>{@link #parse} accepts a record only when it starts with {@code v=DMARC1} (§6.6.3 step 3:
 * anything else is not a DMARC record, {@link #isDmarc}). Unknown tags are ignored (§6.3). A
 * known tag with a bad value makes the record invalid ({@link Invalid}): the receiver applies no
 * policy (RFC 8601 §2.7.x {@code permerror}), with one exception from §6.6.3 step 6: a missing
 * or bad {@code p} (or bad {@code sp}) in a record with a valid {@code rua} counts as
 * {@code p=none}. A tag given twice is invalid too (§6.4 lists each once).
 *
 * @param policy           p=
 * @param subdomainPolicy  sp=, empty when absent (p applies)
 * @param dkimAlignment    adkim=
 * @param spfAlignment     aspf=
 * @param percent          pct= (0-100)
 * @param aggregateReports rua= URIs (with any "!size" suffix)
 * @param failureReports   ruf= URIs
 * @param failureOptions   fo= as given
 * @param reportInterval   ri= seconds
 */
public record DmarcRecord(Policy policy, Optional<Policy> subdomainPolicy, Alignment dkimAlignment, Alignment spfAlignment,
        int percent, List<String> aggregateReports, List<String> failureReports, String failureOptions, long reportInterval) {

    /** Longest record text parsed; a longer one is invalid (a record is a few hundred octets). */
    public static final int MAX_LENGTH = 4096;

    public DmarcRecord {
        aggregateReports = List.copyOf(aggregateReports);
        failureReports = List.copyOf(failureReports);
    }

    /** The requested handling of failing mail (§6.3 p=, sp=), weakest first. */
    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Policy> fromTag(String v) {
            for (Policy p : values()) {
                if (p.tag().equalsIgnoreCase(v)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        /** The next weaker policy (§6.6.4: a message left out by pct= gets it): reject → quarantine → none. */
        public Policy weaker() {
            return this == REJECT ? QUARANTINE : NONE;
        }
    }

    /** A record that starts with v=DMARC1 but cannot be used (§6.6.3 step 6). */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern VERSION = Pattern.compile("^v[ \\t]*=[ \\t]*DMARC1[ \\t]*(;.*)?$", Pattern.DOTALL);
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s,!]+(![0-9]+[kmgtKMGT]?)?");

    /** Whether the TXT text is a DMARC record at all: starts with "v=DMARC1" (§6.4, §6.6.3 step 3). */
    public static boolean isDmarc(String text) {
        return VERSION.matcher(text).matches();
    }

    /** Parses a record that {@link #isDmarc} accepted. */
    public static DmarcRecord parse(String text) throws Invalid {
        if (text.length() > MAX_LENGTH) {
            throw new Invalid("record longer than " + MAX_LENGTH + " characters");
        }
        if (!isDmarc(text)) {
            throw new Invalid("does not start with v=DMARC1");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new Invalid("not a tag=value pair: " + clip(p));
            }
            String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).strip();
            if (tags.put(name, value) != null) {
                throw new Invalid("tag " + clip(name) + " given twice");
            }
        }
        List<String> rua = uris(tags.get("rua"), "rua");
        List<String> ruf = uris(tags.get("ruf"), "ruf");
        Optional<Policy> p = Optional.ofNullable(tags.get("p")).flatMap(Policy::fromTag);
        Optional<Policy> sp = Optional.empty();
        boolean spBad = false;
        if (tags.containsKey("sp")) {
            sp = Policy.fromTag(tags.get("sp"));
            spBad = sp.isEmpty();
        }
        Policy policy;
        if (p.isEmpty() || spBad) {
            if (rua.isEmpty()) {
                throw new Invalid(p.isEmpty() ? "no valid p= (and no rua=)" : "invalid sp= (and no rua=)");
            }
            policy = Policy.NONE; // §6.6.3 step 6: act as if p=none
            sp = Optional.empty();
        } else {
            policy = p.get();
        }
        Alignment adkim = alignment(tags.get("adkim"), "adkim");
        Alignment aspf = alignment(tags.get("aspf"), "aspf");
        int pct = 100;
        if (tags.containsKey("pct")) {
            String v = tags.get("pct");
            if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) > 100) {
                throw new Invalid("pct= not 0-100: " + clip(v));
            }
            pct = Integer.parseInt(v);
        }
        long ri = 86400;
        if (tags.containsKey("ri")) {
            String v = tags.get("ri");
            if (!v.matches("[0-9]{1,10}")) {
                throw new Invalid("ri= not a number: " + clip(v));
            }
            ri = Long.parseLong(v);
        }
        String fo = tags.getOrDefault("fo", "0");
        if (!fo.matches("[01ds]([ \\t]*:[ \\t]*[01ds])*")) {
            throw new Invalid("fo= not valid: " + clip(fo));
        }
        return new DmarcRecord(policy, sp, adkim, aspf, pct, rua, ruf, fo, ri);
    }

    /** The policy asked for: sp= (else p=) for a subdomain of the domain the record was found at, p= for that domain itself. */
    public Policy policyFor(boolean subdomain) {
        return subdomain ? subdomainPolicy.orElse(policy) : policy;
    }

    private static Alignment alignment(String v, String tag) throws Invalid {
        if (v == null) {
            return Alignment.RELAXED;
        }
        try {
            return Alignment.fromTag(v);
        } catch (IllegalArgumentException e) {
            throw new Invalid(tag + "= not r or s: " + clip(v));
        }
    }

    /** rua=/ruf=: comma-separated URIs (§6.4 dmarc-uri), the valid ones. */
    private static List<String> uris(String v, String tag) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isEmpty()) {
            return out;
        }
        for (String u : v.split(",", -1)) {
            String s = u.strip();
            if (URI.matcher(s).matches()) {
                out.add(s); // a bad URI is left out (no report goes there); the policy still holds
            }
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
