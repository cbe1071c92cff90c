package dev.surel.reports;

import dev.surel.protocol.dmarcreport.AggregateReport;
import dev.surel.store.sql.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DMARC outcomes of incoming mail per UTC day and policy domain ({@code dmarc_report_rows}),
 * and the aggregate reports (RFC 7489 §7.2) a finished day makes. The {@code auth_results}
 * column holds one line per raw result ({@code dkim <domain> <selector> <result>},
 * {@code spf <domain> <scope> <result>}) and one per policy override
 * ({@code reason <type> <comment>}, Appendix C PolicyOverrideReason, e.g. a trusted ARC sealer).
 */
public final class DmarcResults implements DailyResults {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DmarcResults.class);

    private final Database db;
    private final DailyRows daily;

    public DmarcResults(Database db) {
        this.db = db;
        this.daily = new DailyRows(db, "dmarc_report_rows");
    }

    /** Counts one message of {@code day} ({@code row.count()} is ignored: one). */
    public void record(LocalDate day, AggregateReport.Published published, AggregateReport.Row row) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dmarc_report_rows (day, policy_domain, published, source_ip, "
                    + "header_from, envelope_from, disposition, dkim, spf, auth_results, messages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
                    + "ON CONFLICT (day, policy_domain, published, source_ip, header_from, envelope_from, disposition, dkim, spf, auth_results) "
                    + "DO UPDATE SET messages = dmarc_report_rows.messages + 1")) {
                ps.setString(1, day.toString());
                ps.setString(2, published.domain());
                ps.setString(3, published(published));
                ps.setString(4, row.sourceIp());
                ps.setString(5, row.headerFrom());
                ps.setString(6, row.envelopeFrom());
                ps.setString(7, row.disposition());
                ps.setString(8, row.dkim());
                ps.setString(9, row.spf());
                ps.setString(10, authResults(row));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** {@link #record}, for the SMTP path: a store that cannot take the count costs the count, never the message; logged. */
    public void recordQuietly(LocalDate day, AggregateReport.Published published, AggregateReport.Row row) {
        try {
            record(day, published, row);
        } catch (RuntimeException e) {
            log.warn("DMARC report row for {} not recorded: {}", published.domain(), e.getMessage());
        }
    }

    /** The published policy as last recorded on {@code day}, and the rows, of {@code domain}. */
    public record DayOfDomain(AggregateReport.Published published, List<AggregateReport.Row> rows) {
    }

    public DayOfDomain day(LocalDate day, String domain) {
        return db.read(c -> {
            List<AggregateReport.Row> rows = new ArrayList<>();
            String published = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT published, source_ip, header_from, envelope_from, disposition, dkim, spf, "
                    + "auth_results, messages FROM dmarc_report_rows WHERE day = ? AND policy_domain = ? ORDER BY source_ip, header_from")) {
                ps.setString(1, day.toString());
                ps.setString(2, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        published = rs.getString(1);
                        List<AggregateReport.AuthResult> dkim = new ArrayList<>();
                        AggregateReport.AuthResult spf = new AggregateReport.AuthResult("", "mfrom", "none");
                        List<AggregateReport.Reason> reasons = new ArrayList<>();
                        for (String line : rs.getString(8).split("\n")) {
                            if (line.startsWith("reason ")) {
                                String[] f = line.split(" ", 3);
                                reasons.add(new AggregateReport.Reason(f[1], f.length > 2 ? f[2] : ""));
                                continue;
                            }
                            String[] f = line.split(" ", -1);
                            if (f.length != 4) continue;
                            AggregateReport.AuthResult r = new AggregateReport.AuthResult(f[1], f[2], f[3]);
                            if (f[0].equals("dkim")) dkim.add(r);
                            else spf = r;
                        }
                        rows.add(new AggregateReport.Row(rs.getString(2), rs.getLong(9), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(3), rs.getString(4), dkim, spf, reasons));
                    }
                }
            }
            return new DayOfDomain(published == null ? null : parsePublished(domain, published), rows);
        });
    }

    private static String published(AggregateReport.Published p) {
        return "adkim=" + p.adkim() + ";aspf=" + p.aspf() + ";p=" + p.p() + ";sp=" + p.sp() + ";pct=" + p.pct();
    }

    private static AggregateReport.Published parsePublished(String domain, String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String t : text.split(";")) {
            int eq = t.indexOf('=');
            if (eq > 0) tags.put(t.substring(0, eq), t.substring(eq + 1));
        }
        return new AggregateReport.Published(domain, tags.getOrDefault("adkim", "r"), tags.getOrDefault("aspf", "r"),
                tags.getOrDefault("p", "none"), tags.getOrDefault("sp", tags.getOrDefault("p", "none")),
                Integer.parseInt(tags.getOrDefault("pct", "100")));
    }

    private static String authResults(AggregateReport.Row row) {
        List<String> lines = new ArrayList<>();
        for (AggregateReport.AuthResult d : row.dkimResults()) lines.add("dkim " + d.domain() + " " + d.scope() + " " + d.result());
        AggregateReport.AuthResult s = row.spfResult();
        lines.add("spf " + s.domain() + " " + s.scope() + " " + s.result());
        for (AggregateReport.Reason r : row.reasons()) lines.add("reason " + r.type() + " " + r.comment().replace('\n', ' '));
        return String.join("\n", lines);
    }

    /** The days before {@code today} that have rows, oldest first. */
    @Override
    public List<LocalDate> finishedDays(LocalDate today) {
        return daily.finishedDays(today);
    }

    /** The domains with rows on {@code day}. */
    @Override
    public List<String> domains(LocalDate day) {
        return daily.domains(day);
    }

    /** Forgets {@code day} of {@code domain} (reported, or nobody asked for it). */
    @Override
    public void forget(LocalDate day, String domain) {
        daily.forget(day, domain);
    }
}
