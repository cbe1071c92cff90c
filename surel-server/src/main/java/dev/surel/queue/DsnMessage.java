package dev.surel.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes a delivery status notification: RFC 3464 {@code multipart/report;
 * report-type=delivery-status} (RFC 6522) with three parts, a human-readable explanation, the
 * {@code message/delivery-status} fields (RFC 3464 §2.2 per-message, §2.3 per-recipient), and
 * the original message ({@code message/rfc822}) or only its header ({@code text/rfc822-headers}).
 *
 * <p>What is returned follows RFC 3461 §4.3: {@code RET=HDRS} headers only; {@code RET=FULL}
 * the whole message; without RET the whole message for a failure and the headers for a
 * success report; a message larger than {@code maxReturned}, or sent with REQUIRETLS (RFC 8689
 * §5), is returned as headers only.
 * ENVID comes back as {@code Original-Envelope-Id} (RFC 3461 §4.4), ORCPT as
 * {@code Original-Recipient} (RFC 3461 §4.2, RFC 3464 §2.3.1). The DSN is marked
 * {@code Auto-Submitted: auto-replied} (RFC 3834 §5) and is sent with the null reverse-path
 * (RFC 5321 §4.5.5), so it is never answered by another DSN.
 */
final class DsnMessage {

    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private DsnMessage() { }

    /** Where the original bytes come from. */
    @FunctionalInterface
    interface Original {
        InputStream open() throws IOException;
    }

    /**
     * The DSN's bytes (CRLF), streaming the original after the generated parts.
     *
     * @param reported the finished records to report (failed or delivered)
     */
    static InputStream build(String hostname, QueuedMessage message, List<QueuedRecipient> reported, Instant now,
                             Instant willRetryUntil, long maxReturned, Original original) throws IOException {
        boolean anyFailed = reported.stream().anyMatch(r -> r.state() == QueuedRecipient.State.FAILED);
        boolean anyDelivered = reported.stream().anyMatch(r -> r.state() == QueuedRecipient.State.DELIVERED);
        boolean full = message.ret() == Envelope.Ret.FULL || (message.ret() == null && anyFailed);
        if (message.size() > maxReturned) full = false;
        if (message.requireTls()) full = false; // RFC 8689 §5: as if RET=HDRS, whatever RET says
        String boundary = "=_surel_" + UUID.randomUUID().toString().replace("-", "");
        boolean anyDelayed = reported.stream().anyMatch(r -> r.state() == QueuedRecipient.State.QUEUED);
        int kinds = (anyFailed ? 1 : 0) + (anyDelivered ? 1 : 0) + (anyDelayed ? 1 : 0);
        String subject = kinds > 1 ? "Delivery Status Notification"
                : anyFailed ? "Undelivered Mail Returned to Sender"
                : anyDelayed ? "Delayed Mail (still being retried)" : "Successful Mail Delivery Report";
        boolean eightBit = message.body() != Envelope.BodyType.SEVEN_BIT || message.smtputf8();

        StringBuilder head = new StringBuilder();
        line(head, "From: Mail Delivery System <MAILER-DAEMON@" + hostname + ">");
        line(head, "To: <" + clean(message.reversePath()) + ">");
        line(head, "Subject: " + subject);
        line(head, "Date: " + date(now));
        line(head, "Message-ID: <" + UUID.randomUUID() + "@" + hostname + ">");
        line(head, "Auto-Submitted: auto-replied");
        line(head, "MIME-Version: 1.0");
        line(head, "Content-Type: multipart/report; report-type=delivery-status;");
        line(head, "\tboundary=\"" + boundary + "\"");
        line(head, "");
        line(head, "This is a MIME-encapsulated message.");
        line(head, "");
        line(head, "--" + boundary);
        line(head, "Content-Description: Notification");
        line(head, "Content-Type: text/plain; charset=utf-8");
        line(head, "Content-Transfer-Encoding: 8bit");
        line(head, "");
        line(head, "This is the mail system at host " + hostname + ".");
        line(head, "");
        if (anyFailed) {
            line(head, "Your message could not be delivered to one or more recipients. It is attached below.");
            line(head, "");
        }
        for (QueuedRecipient r : reported) {
            String what = switch (r.state()) {
                case FAILED -> "delivery failed";
                case DELIVERED -> "delivered";
                case QUEUED -> "delayed, still being retried until " + date(willRetryUntil);
            };
            line(head, "<" + clean(r.recipient().rcptTo()) + ">: " + what + (r.lastReply() == null ? "" : ": " + clean(r.lastReply())));
        }
        line(head, "");
        line(head, "--" + boundary);
        line(head, "Content-Description: Delivery report");
        line(head, "Content-Type: message/delivery-status");
        if (eightBit) line(head, "Content-Transfer-Encoding: 8bit");
        line(head, "");
        // RFC 3464 §2.2: per-message fields
        line(head, "Reporting-MTA: dns; " + hostname);
        if (message.envid() != null) line(head, "Original-Envelope-Id: " + clean(message.envid()));
        line(head, "Arrival-Date: " + date(message.receivedAt()));
        // RFC 3464 §2.3: per-recipient fields, each group after a blank line
        for (QueuedRecipient r : reported) {
            line(head, "");
            QueueRecipient q = r.recipient();
            if (q.orcpt() != null) {
                String o = clean(q.orcpt());
                line(head, "Original-Recipient: " + (o.contains(";") ? o : "rfc822;" + o));
            }
            line(head, "Final-Recipient: rfc822;" + clean(q.address()));
            // RFC 3464 §2.3.3 Action, §2.3.4 Status
            String action = switch (r.state()) {
                case FAILED -> "failed";
                case DELIVERED -> q.isLocal() ? "delivered" : "relayed";
                case QUEUED -> "delayed";
            };
            String fallback = switch (r.state()) {
                case FAILED -> "5.0.0";
                case DELIVERED -> "2.0.0";
                case QUEUED -> "4.0.0";
            };
            line(head, "Action: " + action);
            line(head, "Status: " + (r.lastStatus() != null ? r.lastStatus() : fallback));
            if (r.remoteHost() != null) line(head, "Remote-MTA: dns; " + clean(r.remoteHost()));
            if (r.lastReply() != null) {
                String reply = clean(r.lastReply());
                line(head, "Diagnostic-Code: " + (reply.matches("[245]\\d\\d([ -].*)?") ? "smtp; " : "X-Surel; ") + reply);
            }
            if (r.lastAttemptAt() != null) line(head, "Last-Attempt-Date: " + date(r.lastAttemptAt()));
            if (r.state() == QueuedRecipient.State.QUEUED) line(head, "Will-Retry-Until: " + date(willRetryUntil)); // §2.3.9
        }
        line(head, "");
        line(head, "--" + boundary);
        line(head, "Content-Description: " + (full ? "Undelivered Message" : "Message Headers"));
        line(head, "Content-Type: " + (full ? "message/rfc822" : "text/rfc822-headers"));
        if (eightBit) line(head, "Content-Transfer-Encoding: " + (message.body() == Envelope.BodyType.BINARY_MIME && full ? "binary" : "8bit"));
        line(head, "");
        byte[] prefix = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] suffix = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        InputStream body = full ? original.open() : new ByteArrayInputStream(headers(original));
        return new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(prefix), body, new ByteArrayInputStream(suffix))));
    }

    /** The original's header section, up to and including the line that ends it (at most 1 MiB). */
    static byte[] headers(Original original) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = original.open()) {
            int prev3 = -1, prev2 = -1, prev1 = -1, b;
            while ((b = in.read()) != -1 && out.size() < 1024 * 1024) {
                out.write(b);
                if (prev2 == '\r' && prev1 == '\n' && b == '\n') break; // tolerate LF LF
                if (prev3 == '\r' && prev2 == '\n' && prev1 == '\r' && b == '\n') break;
                prev3 = prev2;
                prev2 = prev1;
                prev1 = b;
            }
        }
        byte[] h = out.toByteArray();
        // drop the empty line ending the header: the part ends right after the last field
        int n = h.length;
        if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') n -= 2;
        return java.util.Arrays.copyOf(h, n);
    }

    private static void line(StringBuilder b, String s) {
        b.append(s).append("\r\n");
    }

    /** A value for a header field: no CR, LF or other controls (a peer's reply may carry them). */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString().strip();
    }

    static String date(Instant t) {
        return RFC5322.format(t.atOffset(ZoneOffset.UTC));
    }
}
