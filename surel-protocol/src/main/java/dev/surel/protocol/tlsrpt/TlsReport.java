package dev.surel.protocol.tlsrpt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One aggregate report (RFC 8460 §4): what a sending organisation saw of one policy domain's TLS
 * over one day (§4.1: 00:00 to 23:59:59 UTC), as the JSON of §4.4.
 *
 * @param organization the reporting organisation (the server's host name)
 * @param contact      where to ask about the report
 * @param reportId     unique per report
 * @param start        the start of the day reported
 * @param policies     one entry per policy applied to the domain's mail
 */
public record TlsReport(String organization, String contact, String reportId, Instant start, List<PolicyResult> policies) {

    public TlsReport {
        policies = List.copyOf(policies);
    }

    /** §4.3 policy types. */
    public enum PolicyType {
        STS("sts"), TLSA("tlsa"), NO_POLICY_FOUND("no-policy-found");

        public final String json;

        PolicyType(String json) {
            this.json = json;
        }
    }

    /**
     * The sessions under one policy.
     *
     * @param policyStrings the policy as published (§4.4: the MTA-STS policy's lines, or the TLSA records)
     * @param mxHosts       the MX hosts the policy names (MTA-STS)
     */
    public record PolicyResult(PolicyType type, List<String> policyStrings, String policyDomain, List<String> mxHosts,
                               long successful, long failed, List<Failure> failures) {
        public PolicyResult {
            policyStrings = List.copyOf(policyStrings);
            mxHosts = List.copyOf(mxHosts);
            failures = List.copyOf(failures);
        }
    }

    /** §4.3 result types and the sessions that failed with each, per receiving host. */
    public record Failure(String resultType, String sendingIp, String receivingMx, String receivingIp, long sessions) {
    }

    /** The report as JSON (RFC 8460 §4.4; RFC 8259), UTF-8 text. */
    public String toJson() {
        Instant end = start.plus(1, ChronoUnit.DAYS).minusSeconds(1);
        StringBuilder b = new StringBuilder(512);
        b.append("{\"organization-name\":").append(str(organization))
                .append(",\"date-range\":{\"start-datetime\":").append(str(start.toString()))
                .append(",\"end-datetime\":").append(str(end.toString())).append('}')
                .append(",\"contact-info\":").append(str(contact))
                .append(",\"report-id\":").append(str(reportId))
                .append(",\"policies\":[");
        for (int i = 0; i < policies.size(); i++) {
            PolicyResult p = policies.get(i);
            if (i > 0) b.append(',');
            b.append("{\"policy\":{\"policy-type\":").append(str(p.type().json));
            if (!p.policyStrings().isEmpty()) b.append(",\"policy-string\":").append(array(p.policyStrings()));
            b.append(",\"policy-domain\":").append(str(p.policyDomain()));
            if (!p.mxHosts().isEmpty()) b.append(",\"mx-host\":").append(array(p.mxHosts()));
            b.append("},\"summary\":{\"total-successful-session-count\":").append(p.successful())
                    .append(",\"total-failure-session-count\":").append(p.failed()).append('}');
            if (!p.failures().isEmpty()) {
                b.append(",\"failure-details\":[");
                for (int j = 0; j < p.failures().size(); j++) {
                    Failure f = p.failures().get(j);
                    if (j > 0) b.append(',');
                    b.append("{\"result-type\":").append(str(f.resultType()));
                    if (f.sendingIp() != null) b.append(",\"sending-mta-ip\":").append(str(f.sendingIp()));
                    b.append(",\"receiving-mx-hostname\":").append(str(f.receivingMx()));
                    if (f.receivingIp() != null) b.append(",\"receiving-ip\":").append(str(f.receivingIp()));
                    b.append(",\"failed-session-count\":").append(f.sessions()).append('}');
                }
                b.append(']');
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private static String array(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(',');
            b.append(str(values.get(i)));
        }
        return b.append(']').toString();
    }

    /** A JSON string (RFC 8259 §7): quote, backslash and control characters escaped. */
    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
