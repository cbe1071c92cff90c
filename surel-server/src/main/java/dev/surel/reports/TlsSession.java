package dev.surel.reports;

import dev.surel.protocol.tlsrpt.TlsReport;
import java.util.List;

/**
 * One outbound SMTP session's TLS outcome, as RFC 8460 counts it.
 *
 * @param policyDomain  the recipient domain
 * @param type          the policy applied (sts, tlsa, no-policy-found)
 * @param policyStrings the policy as published (MTA-STS lines, or TLSA records as text)
 * @param mxHost        the MX host name
 * @param receivingIp   its address
 * @param resultType    null for a successful session, else a §4.3 result type
 *                      ({@code starttls-not-supported}, {@code certificate-host-mismatch}, ...)
 */
public record TlsSession(String policyDomain, TlsReport.PolicyType type, List<String> policyStrings, String mxHost, String receivingIp,
                         String resultType) {

    public TlsSession {
        policyStrings = List.copyOf(policyStrings);
    }
}
