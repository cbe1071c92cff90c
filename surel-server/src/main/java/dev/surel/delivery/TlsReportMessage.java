package dev.surel.delivery;

import dev.surel.protocol.tlsrpt.TlsReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * A TLS report as mail (RFC 8460 §5.3): multipart/report with report-type "tlsrpt", a short text
 * part, and the gzipped JSON as {@code application/tlsrpt+gzip} named as §5.1 says
 * ({@code submitter!policy-domain!begin!end!id.json.gz}).
 */
final class TlsReportMessage {

    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private TlsReportMessage() {
    }

    /** The gzipped JSON of a report (§5.1: the compressed form for both mail and HTTPS). */
    static byte[] gzip(TlsReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(report.toJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** §5.1 file name. */
    static String fileName(String submitter, String domain, TlsReport report) {
        long begin = report.start().getEpochSecond();
        long end = report.start().plus(1, ChronoUnit.DAYS).getEpochSecond() - 1;
        return submitter + "!" + domain + "!" + begin + "!" + end + "!" + report.reportId() + ".json.gz";
    }

    /** The message, CRLF lines, 7-bit. */
    static byte[] build(String submitter, String domain, String to, TlsReport report, Instant now) {
        String boundary = "tlsrpt-" + report.reportId();
        String date = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).format(RFC5322);
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(gzip(report));
        String text = "From: TLS reports <postmaster@" + submitter + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + report.reportId() + "@" + submitter + ">\r\n"
                + "Subject: Report Domain: " + domain + " Submitter: " + submitter + " Report-ID: <" + report.reportId() + "@" + submitter + ">\r\n"
                + "TLS-Report-Domain: " + domain + "\r\n"
                + "TLS-Report-Submitter: " + submitter + "\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "This is an aggregate TLS report (RFC 8460) from " + submitter + " about mail to " + domain + ".\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/tlsrpt+gzip\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName(submitter, domain, report) + "\"\r\n"
                + "\r\n"
                + b64 + "\r\n"
                + "--" + boundary + "--\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
