package dev.surel.delivery;

import dev.surel.protocol.tlsrpt.TlsReport;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;

/**
 * A TLS report as mail (RFC 8460 §5.3): multipart/report with report-type "tlsrpt", a short text
 * part, and the gzipped JSON as {@code application/tlsrpt+gzip} named as §5.1 says
 * ({@code submitter!policy-domain!begin!end!id.json.gz}).
 */
final class TlsReportMessage {

    private TlsReportMessage() {
    }

    /** The gzipped JSON of a report (§5.1: the compressed form for both mail and HTTPS). */
    static byte[] gzip(TlsReport report) {
        return ReportMail.gzip(report.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** §5.1 file name. */
    static String fileName(String submitter, String domain, TlsReport report) {
        long begin = report.start().getEpochSecond();
        long end = report.start().plus(1, ChronoUnit.DAYS).getEpochSecond() - 1;
        return submitter + "!" + domain + "!" + begin + "!" + end + "!" + report.reportId() + ".json.gz";
    }

    static ReportMail mail(String submitter, String domain, TlsReport report) {
        return new ReportMail(submitter, domain, report.reportId(), "report; report-type=\"tlsrpt\"",
                "TLS-Report-Domain: " + domain + "\r\nTLS-Report-Submitter: " + submitter + "\r\n",
                "This is an aggregate TLS report (RFC 8460) from " + submitter + " about mail to " + domain + ".",
                "application/tlsrpt+gzip", fileName(submitter, domain, report), gzip(report));
    }
}
