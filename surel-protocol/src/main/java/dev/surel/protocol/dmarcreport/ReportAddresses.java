package dev.surel.protocol.dmarcreport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code rua} tag of a DMARC record (RFC 7489 §6.3, §6.2 DMARC URIs): {@code mailto:} URIs
 * separated by commas, each with an optional size limit ({@code !10m}) that is dropped here.
 * Other schemes are ignored (§6.3: "at least mailto").
 */
public final class ReportAddresses {

    private ReportAddresses() {
    }

    /** The mail addresses of a record's text; empty when it has no rua. */
    public static List<String> rua(String record) {
        List<String> out = new ArrayList<>();
        for (String tag : record.split(";")) {
            String t = tag.strip();
            if (!t.regionMatches(true, 0, "rua", 0, 3)) continue;
            int eq = t.indexOf('=');
            if (eq < 0 || !t.substring(0, eq).strip().equalsIgnoreCase("rua")) continue;
            for (String uri : t.substring(eq + 1).split(",")) {
                String u = uri.strip();
                int bang = u.lastIndexOf('!');
                if (bang > 0) u = u.substring(0, bang);
                if (!u.toLowerCase(Locale.ROOT).startsWith("mailto:")) continue;
                String address = u.substring(7);
                int q = address.indexOf('?');
                if (q >= 0) address = address.substring(0, q);
                if (address.indexOf('@') > 0 && address.indexOf('@') < address.length() - 1) out.add(address);
            }
        }
        return out;
    }

    /** The domain of an address. */
    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
