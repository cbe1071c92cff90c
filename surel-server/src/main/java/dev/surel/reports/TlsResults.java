package dev.surel.reports;

import dev.surel.protocol.tlsrpt.TlsReport;
import dev.surel.store.sql.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The TLS outcomes of outbound sessions per UTC day ({@code tls_report_results}), and the
 * aggregate reports (RFC 8460 §4) they make once the day is over.
 */
public final class TlsResults implements DailyResults {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TlsResults.class);

    private final Database db;
    private final DailyRows daily;

    public TlsResults(Database db) {
        this.db = db;
        this.daily = new DailyRows(db, "tls_report_results");
    }

    /** Counts one session of {@code day}. */
    public void record(LocalDate day, TlsSession s) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tls_report_results (day, policy_domain, policy_type, "
                    + "policy_string, mx_host, receiving_ip, result_type, sessions) VALUES (?, ?, ?, ?, ?, ?, ?, 1) "
                    + "ON CONFLICT (day, policy_domain, policy_type, policy_string, mx_host, receiving_ip, result_type) "
                    + "DO UPDATE SET sessions = tls_report_results.sessions + 1")) {
                ps.setString(1, day.toString());
                ps.setString(2, s.policyDomain());
                ps.setString(3, s.type().json);
                ps.setString(4, String.join("\n", s.policyStrings()));
                ps.setString(5, s.mxHost());
                ps.setString(6, s.receivingIp());
                ps.setString(7, s.resultType() == null ? "" : s.resultType());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * {@link #record}, for the delivery path: a store that cannot take the count (disk full) costs
     * the count, never the delivery; logged.
     */
    public void recordQuietly(LocalDate day, TlsSession s) {
        try {
            record(day, s);
        } catch (RuntimeException e) {
            log.warn("TLS report result for {} not recorded: {}", s.policyDomain(), e.getMessage());
        }
    }

    /** The policies and sessions of {@code domain} on {@code day}, as the report's "policies" (§4.4). */
    public List<TlsReport.PolicyResult> policies(LocalDate day, String domain) {
        record Key(String type, String policy) { }
        final class Acc {
            long ok;
            long failed;
            final TreeSet<String> mx = new TreeSet<>();
            final List<TlsReport.Failure> failures = new ArrayList<>();
        }
        Map<Key, Acc> by = db.read(c -> {
            Map<Key, Acc> m = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT policy_type, policy_string, mx_host, receiving_ip, result_type, sessions "
                    + "FROM tls_report_results WHERE day = ? AND policy_domain = ? ORDER BY policy_type, policy_string, mx_host, "
                    + "receiving_ip, result_type")) {
                ps.setString(1, day.toString());
                ps.setString(2, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Acc a = m.computeIfAbsent(new Key(rs.getString(1), rs.getString(2)), k -> new Acc());
                        String result = rs.getString(5);
                        long n = rs.getLong(6);
                        a.mx.add(rs.getString(3));
                        if (result.isEmpty()) {
                            a.ok += n;
                        } else {
                            a.failed += n;
                            a.failures.add(new TlsReport.Failure(result, null, rs.getString(3), rs.getString(4), n));
                        }
                    }
                }
            }
            return m;
        });
        List<TlsReport.PolicyResult> out = new ArrayList<>();
        by.forEach((k, a) -> {
            TlsReport.PolicyType type = switch (k.type()) {
                case "sts" -> TlsReport.PolicyType.STS;
                case "tlsa" -> TlsReport.PolicyType.TLSA;
                default -> TlsReport.PolicyType.NO_POLICY_FOUND;
            };
            List<String> strings = k.policy().isEmpty() ? List.of() : List.of(k.policy().split("\n"));
            List<String> mx = type == TlsReport.PolicyType.STS
                    ? strings.stream().filter(l -> l.startsWith("mx:")).map(l -> l.substring(3).strip()).toList() : List.of();
            out.add(new TlsReport.PolicyResult(type, strings, domain, mx, a.ok, a.failed, a.failures));
        });
        return out;
    }

    /** The days before {@code today} that have results, oldest first. */
    @Override
    public List<LocalDate> finishedDays(LocalDate today) {
        return daily.finishedDays(today);
    }

    /** The domains with results on {@code day}. */
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
