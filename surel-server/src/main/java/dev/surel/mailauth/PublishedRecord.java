package dev.surel.mailauth;

import java.util.ArrayList;
import java.util.List;

/**
 * One DNS record a mail domain should publish, as {@code surel dns} prints it and
 * {@link DomainRecordCheck} looks it up.
 *
 * @param kind    what the record is for; says how a published record is judged
 * @param name    the owner name, without the final dot
 * @param type    "MX", "TXT", "SRV", "CNAME", or "A" (an address only the operator knows: printed as a comment)
 * @param value   the RDATA in zone-file form, unquoted for TXT (see {@link #zoneLine()})
 * @param purpose a short note printed as a comment above the record
 */
public record PublishedRecord(Kind kind, String name, String type, String value, String purpose) {

    /** The TTL the printed lines suggest. */
    public static final int TTL = 3600;

    /** What a record is for. */
    public enum Kind { HOST_ADDRESS, MX, SPF, HELO_SPF, DKIM, DMARC, MTA_STS, MTA_STS_HOST, TLS_RPT, SRV, CLIENT_CONFIG }

    /**
     * The record as a zone-file line (RFC 1035 §5.1), ready to paste: TXT text split into
     * character-strings of at most 255 octets (RFC 1035 §3.3.14; DKIM RFC 6376 §3.6.2.2, SPF
     * RFC 7208 §3.3 join them again). An address record is a comment: only the operator knows
     * the public address.
     */
    public String zoneLine() {
        String rdata = type.equals("TXT") ? quoted(value) : value;
        String line = name + ". " + TTL + " IN " + type + " " + rdata;
        return kind == Kind.HOST_ADDRESS ? "; " + line : line;
    }

    /** TXT text as quoted strings of at most 255 octets each. */
    static String quoted(String text) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) parts.add('"' + text.substring(i, Math.min(text.length(), i + 255)) + '"');
        if (parts.isEmpty()) parts.add("\"\"");
        return String.join(" ", parts);
    }
}
