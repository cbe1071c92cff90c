package dev.surel.protocol.tlsrpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code _smtp._tls.<domain>} TXT record (RFC 8460 §3): {@code v=TLSRPTv1; rua=<uri>[,<uri>]}
 * where each URI is {@code mailto:} or {@code https:}. Only one record may be published (§3: with
 * several, none applies).
 */
public record TlsRptRecord(List<String> rua) {

    public TlsRptRecord {
        rua = List.copyOf(rua);
    }

    /** The record among a name's TXT texts. */
    public static Optional<TlsRptRecord> select(List<String> txts) {
        List<String> r = txts.stream().filter(t -> t.startsWith("v=TLSRPTv1")).toList();
        return r.size() == 1 ? parse(r.getFirst()) : Optional.empty();
    }

    /** §3 ABNF: v first; rua required; other fields ignored; URIs without a mailto/https scheme dropped. */
    public static Optional<TlsRptRecord> parse(String text) {
        String[] fields = text.split(";");
        if (!fields[0].strip().equals("v=TLSRPTv1")) return Optional.empty();
        List<String> rua = null;
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i].strip();
            if (!f.regionMatches(true, 0, "rua=", 0, 4)) continue;
            rua = new ArrayList<>();
            for (String u : f.substring(4).split(",")) {
                String uri = u.strip();
                String lower = uri.toLowerCase(Locale.ROOT);
                if (lower.startsWith("mailto:") && uri.indexOf('@') > 7 || lower.startsWith("https://") && uri.length() > 8) rua.add(uri);
            }
        }
        return rua == null || rua.isEmpty() ? Optional.empty() : Optional.of(new TlsRptRecord(rua));
    }
}
