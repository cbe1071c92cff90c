package dev.surel.delivery;

import dev.surel.queue.Envelope;
import dev.surel.queue.MailQueue;
import dev.surel.queue.QueueRecipient;
import dev.surel.store.MailStore;
import dev.surel.store.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Report mail the server sends to other domains (TLS reports, RFC 8460 §5.3; DMARC aggregate
 * reports, RFC 7489 §7.2.1.1): a short text part and one gzipped attachment, from
 * {@code postmaster@<host>}, with the "Report Domain: ... Submitter: ... Report-ID: ..." subject
 * both RFCs use, queued with the null reverse-path (a report is never bounced back to us).
 *
 * @param multipart     the multipart type with its parameters, e.g. {@code report; report-type="tlsrpt"} or {@code mixed}
 * @param extraHeaders  more header fields, each ending in CRLF
 * @param attachment    its media type, e.g. {@code application/tlsrpt+gzip}
 */
record ReportMail(String submitter, String domain, String reportId, String multipart, String extraHeaders, String text,
                  String attachment, String fileName, byte[] content) {

    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    /** {@code data} gzipped. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The message to {@code to}, CRLF lines, 7-bit. */
    byte[] message(String to, Clock clock) {
        String boundary = "report-" + reportId;
        String date = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(RFC5322);
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content);
        String m = "From: Reports <postmaster@" + submitter + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + reportId + "@" + submitter + ">\r\n"
                + "Subject: Report Domain: " + domain + " Submitter: " + submitter + " Report-ID: <" + reportId + "@" + submitter + ">\r\n"
                + extraHeaders
                + "Auto-Submitted: auto-generated\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/" + multipart + "; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + text + "\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: " + attachment + "\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
                + "\r\n"
                + b64 + "\r\n"
                + "--" + boundary + "--\r\n";
        return m.getBytes(StandardCharsets.US_ASCII);
    }

    /** Queues the message to {@code to}; a store or queue fault is thrown (a RuntimeException). */
    void send(String to, MailStore store, MailQueue queue, Clock clock) {
        List<QueueRecipient> rcpt = List.of(new QueueRecipient(to, null, to, null, Set.of()));
        Envelope env = Envelope.generated("", rcpt, Envelope.BodyType.SEVEN_BIT, false, clock.instant()); // server-written: DKIM-signed
        try (SpooledMessage spooled = store.spool(new ByteArrayInputStream(message(to, clock)))) {
            queue.accept(env, spooled);
        }
    }
}
