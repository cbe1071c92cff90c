package dev.surel.protocol.sieve;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.james.mime4j.codec.EncoderUtil;

/**
 * The messages a delivery writes on a script's behalf: the vacation reply (RFC 5230 §5, RFC 3834)
 * and the rejection notice of {@code reject} (RFC 5429 §2.1.1, an MDN of RFC 8098 with the
 * disposition {@code deleted}). Pure: the deliverer gives the ids, dates and addresses and queues
 * the octets with the null reverse-path (RFC 5230 §5.1, RFC 5429 §2.1.1), so neither can start a
 * loop of automatic replies.
 */
public final class AutoReply {

    private AutoReply() {}

    /** What a reply needs to know about the message it answers. */
    public record Original(String messageId, String references, String subject) {
        /** From the message's header fields (the first Message-ID, References and Subject). */
        public static Original of(SieveMessage m) {
            return new Original(first(m, "Message-ID"), first(m, "References"), VacationPolicy.defaultSubject(m).substring(6));
        }

        private static String first(SieveMessage m, String name) {
            List<String> v = m.header(name);
            return v.isEmpty() ? null : v.getFirst().replace("\r\n", "").replace("\n", "").strip();
        }
    }

    /**
     * RFC 5230 §5: the vacation reply from {@code from} (§5.3, the :from address or the
     * recipient's) to {@code to} (§5.4, the envelope sender), with In-Reply-To and References
     * (§5.8), {@code Auto-Submitted: auto-replied} (§5.7, RFC 3834 §5) and the reason as a
     * text/plain body, or as the MIME entity it is with :mime (§4.8).
     */
    public static byte[] vacation(SieveAction.Vacation v, Original original, String from, String to, String messageId,
            ZonedDateTime date) {
        String subject = v.subject() != null ? v.subject() : "Auto: " + original.subject();
        List<String> h = new ArrayList<>();
        h.add("From: " + from);
        h.add("To: <" + to + ">");
        h.add(encoded("Subject", subject));
        h.add("Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
        h.add("Message-ID: " + messageId);
        if (original.messageId() != null) {
            h.add("In-Reply-To: " + original.messageId());
            String refs = original.references() == null ? original.messageId() : original.references() + " " + original.messageId();
            h.add("References: " + (refs.length() > 900 ? original.messageId() : refs));
        }
        h.add("Auto-Submitted: auto-replied (vacation)");
        h.add("Precedence: bulk");
        h.add("MIME-Version: 1.0");
        StringBuilder out = new StringBuilder();
        for (String line : h) out.append(line).append("\r\n");
        if (v.mime()) {
            // §4.8: the reason is a MIME entity: its own header fields, an empty line and its body
            out.append(crlf(v.reason()));
            if (!v.reason().endsWith("\n")) out.append("\r\n");
        } else {
            out.append(textBody(v.reason()));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 5429 §2.1.1: the MDN (RFC 8098 §3) that tells the sender the message was refused:
     * a human-readable part with the script's reason, the disposition
     * {@code automatic-action/MDN-sent-automatically; deleted}, and the refused message's header
     * section (RFC 6522 text/rfc822-headers).
     */
    public static byte[] rejection(String reason, Original original, String reportingHost, String finalRecipient,
            String from, String to, String messageId, ZonedDateTime date, byte[] originalHeader) {
        String boundary = "=_surel_" + Integer.toHexString(messageId.hashCode()) + Long.toHexString(date.toEpochSecond());
        StringBuilder out = new StringBuilder();
        out.append("From: ").append(from).append("\r\n");
        out.append("To: <").append(to).append(">\r\n");
        out.append(encoded("Subject", "Rejected: " + original.subject())).append("\r\n");
        out.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date)).append("\r\n");
        out.append("Message-ID: ").append(messageId).append("\r\n");
        if (original.messageId() != null) out.append("In-Reply-To: ").append(original.messageId()).append("\r\n");
        out.append("Auto-Submitted: auto-replied (rejected)\r\n");
        out.append("MIME-Version: 1.0\r\n");
        out.append("Content-Type: multipart/report; report-type=disposition-notification;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n\r\n");
        out.append("This is a MIME-encapsulated message.\r\n\r\n--").append(boundary).append("\r\n");
        out.append(textBody("Your message to <" + finalRecipient + "> was automatically rejected:\r\n" + reason + "\r\n"));
        out.append("\r\n--").append(boundary).append("\r\n");
        out.append("Content-Type: message/disposition-notification\r\n\r\n");
        out.append("Reporting-UA: ").append(reportingHost).append("; Surel Sieve\r\n");
        out.append("Final-Recipient: rfc822; ").append(finalRecipient).append("\r\n");
        if (original.messageId() != null) out.append("Original-Message-ID: ").append(original.messageId()).append("\r\n");
        out.append("Disposition: automatic-action/MDN-sent-automatically; deleted\r\n");
        out.append("\r\n--").append(boundary).append("\r\n");
        out.append("Content-Type: text/rfc822-headers\r\n\r\n");
        StringBuilder tail = new StringBuilder();
        tail.append("\r\n--").append(boundary).append("--\r\n");
        byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + originalHeader.length + end.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(originalHeader, 0, all, head.length, originalHeader.length);
        System.arraycopy(end, 0, all, head.length + originalHeader.length, end.length);
        return all;
    }

    /** A text/plain part's header and body: 7bit when ASCII, else UTF-8 in base64 (readable by any hop). */
    private static String textBody(String text) {
        String body = crlf(text);
        if (!body.endsWith("\r\n")) body += "\r\n";
        if (body.chars().allMatch(c -> c < 128)) {
            return "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" + body;
        }
        String b64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n";
    }

    private static String encoded(String name, String value) {
        String v = value.replaceAll("[\r\n]+", " ");
        boolean ascii = v.chars().allMatch(c -> c < 127);
        return name + ": " + (ascii ? v : EncoderUtil.encodeEncodedWord(v, EncoderUtil.Usage.TEXT_TOKEN, name.length() + 2,
                StandardCharsets.UTF_8, null));
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }
}
