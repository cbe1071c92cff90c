package dev.surel.protocol.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Points from what the {@link ContentScanner} saw (docs/filtering.md lists them):
 * <ul>
 *   <li>{@code GTUBE} ({@value #GTUBE}): the GTUBE string; always spam.</li>
 *   <li>{@code MISSING_DATE} ({@value #MISSING_DATE}), {@code MISSING_MID} ({@value #MISSING_MID}),
 *       {@code MISSING_FROM} ({@value #MISSING_FROM}): a field RFC 5322 §3.6 requires (Date, From)
 *       or asks for (Message-ID) is absent; mail software adds them, spam tools often do not.</li>
 *   <li>{@code SUBJ_ALL_CAPS} ({@value #SUBJ_ALL_CAPS}): a subject of at least
 *       {@value #CAPS_MIN_LETTERS} letters, all capitals.</li>
 *   <li>{@code FROM_NAME_DOMAIN} ({@value #FROM_NAME_DOMAIN}): the From display name names a
 *       domain (or an address) other than the address's own, as in
 *       {@code "service@paypal.com" <x@evil.example>}: readers see the name, not the address.</li>
 * </ul>
 */
public final class HeaderRules {
    public static final double GTUBE = 1000.0;
    public static final double MISSING_DATE = 1.0;
    public static final double MISSING_MID = 1.0;
    public static final double MISSING_FROM = 2.0;
    public static final double SUBJ_ALL_CAPS = 1.5;
    public static final double FROM_NAME_DOMAIN = 2.5;
    static final int CAPS_MIN_LETTERS = 10;

    /** A domain name with at least two labels and a letter-only top label (RFC 1035 §2.3.1 preferred syntax, loosely). */
    private static final Pattern DOMAIN = Pattern.compile("(?i)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private HeaderRules() {
    }

    public static List<Contribution> of(ContentFeatures f) {
        List<Contribution> out = new ArrayList<>();
        if (f.gtube()) out.add(new Contribution("GTUBE", GTUBE));
        if (!f.hasDate()) out.add(new Contribution("MISSING_DATE", MISSING_DATE));
        if (!f.hasMessageId()) out.add(new Contribution("MISSING_MID", MISSING_MID));
        if (f.from() == null) {
            out.add(new Contribution("MISSING_FROM", MISSING_FROM));
        } else if (displayNameNamesOtherDomain(f.from())) {
            out.add(new Contribution("FROM_NAME_DOMAIN", FROM_NAME_DOMAIN));
        }
        if (f.subject() != null && allCaps(f.subject())) out.add(new Contribution("SUBJ_ALL_CAPS", SUBJ_ALL_CAPS));
        return out;
    }

    static boolean allCaps(String subject) {
        int letters = 0;
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) return false;
                letters++;
            }
        }
        return letters >= CAPS_MIN_LETTERS;
    }

    /**
     * Whether a From value {@code name <local@domain>} (RFC 5322 §3.4) has a display name that names
     * a domain which is neither the address's domain nor one of its parents or subdomains.
     */
    static boolean displayNameNamesOtherDomain(String from) {
        int lt = from.lastIndexOf('<');
        int gt = from.lastIndexOf('>');
        if (lt <= 0 || gt < lt) return false; // no display name
        String address = from.substring(lt + 1, gt);
        int at = address.lastIndexOf('@');
        if (at < 0) return false;
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        String name = DecoderUtil.decodeEncodedWords(from.substring(0, lt), DecodeMonitor.SILENT);
        Matcher m = DOMAIN.matcher(name);
        while (m.find()) {
            String named = m.group().toLowerCase(Locale.ROOT);
            if (!related(named, domain)) return true;
        }
        return false;
    }

    private static boolean related(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }
}
