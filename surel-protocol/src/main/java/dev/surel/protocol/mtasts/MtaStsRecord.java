package dev.surel.protocol.mtasts;

import java.util.List;
import java.util.Optional;

/**
 * The {@code _mta-sts.<domain>} TXT record (RFC 8461 §3.1): {@code v=STSv1; id=<1-32 alphanumerics>}
 * with possible extension fields. A domain publishes MTA-STS when exactly one of its TXT records
 * starts with {@code v=STSv1}.
 */
public record MtaStsRecord(String id) {

    /** The record among a name's TXT texts: present only when exactly one is an MTA-STS record and it is valid. */
    public static Optional<MtaStsRecord> select(List<String> txts) {
        List<String> sts = txts.stream().filter(t -> t.startsWith("v=STSv1")).toList();
        return sts.size() == 1 ? parse(sts.getFirst()) : Optional.empty(); // §3.1: several records: as if none
    }

    /** §3.1 ABNF: fields separated by ";" with optional whitespace; v first; id required. */
    public static Optional<MtaStsRecord> parse(String text) {
        String[] fields = text.split(";");
        if (!fields[0].strip().equals("v=STSv1")) return Optional.empty();
        String id = null;
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i].strip();
            if (f.isEmpty()) continue;
            int eq = f.indexOf('=');
            if (eq <= 0) return Optional.empty();
            String name = f.substring(0, eq);
            String value = f.substring(eq + 1);
            if (name.equals("id")) {
                if (id != null || !value.matches("[A-Za-z0-9]{1,32}")) return Optional.empty();
                id = value;
            }
        }
        return id == null ? Optional.empty() : Optional.of(new MtaStsRecord(id));
    }
}
