package dev.surel.sieve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a mail system did with the messages delivered to one user, normalized so that two
 * systems can be compared: the messages stored (folder, flags, subject) and the messages it sent
 * (vacation replies, redirected copies, rejection reports). Both lists are sorted, so the order
 * of folders and of outgoing mail does not matter; {@code notes} says what went wrong on the way
 * (a script refused, a delivery that failed) and is shown, not compared.
 */
record DeliveryOutcome(List<Stored> stored, List<Sent> sent, List<String> notes) {

    DeliveryOutcome {
        stored = stored.stream().sorted(Comparator.comparing(Stored::toString)).toList();
        sent = sent.stream().sorted(Comparator.comparing(Sent::toString)).toList();
        notes = List.copyOf(notes);
    }

    /** The compared part: stored and sent, not the notes. */
    boolean sameAs(DeliveryOutcome other) {
        return stored.equals(other.stored) && sent.equals(other.sent);
    }

    /**
     * A stored message. Folder names use "/" as the hierarchy separator; flags are lower-cased
     * (IMAP flags and keywords are case-insensitive, RFC 9051 §2.3.2) and sorted, without
     * {@code \Recent} (session state, not stored).
     */
    record Stored(String folder, List<String> flags, String subject) {
        Stored {
            flags = flags.stream().map(f -> f.toLowerCase(Locale.ROOT)).filter(f -> !f.equals("\\recent")).sorted().distinct().toList();
        }

        @Override
        public String toString() {
            return folder + " " + flags + " \"" + subject + "\"";
        }
    }

    /** What kind of message a system sent on the user's behalf. */
    enum Kind {
        /** An automatic reply (RFC 5230 vacation): Auto-Submitted: auto-replied. */
        REPLY,
        /** A rejection report to the sender (RFC 5429 reject: an MDN, multipart/report). */
        REPORT,
        /** Anything else: a redirected or forwarded copy (RFC 5228 §4.2). */
        REDIRECT
    }

    /**
     * A message sent: envelope and the header fields that matter for its kind. For a reply:
     * Subject, Auto-Submitted (its keyword, without the comment), In-Reply-To and References; for
     * a redirect: the original's Subject and Message-ID; for a report: nothing but the envelope
     * (the wording of reports differs by design).
     */
    record Sent(Kind kind, String mailFrom, String rcptTo, String subject, String autoSubmitted, String inReplyTo,
            String references) {

        /** Classifies and normalizes a message as it left the system. */
        static Sent of(String mailFrom, String rcptTo, byte[] message) {
            String head = header(message);
            String contentType = field(head, "Content-Type").toLowerCase(Locale.ROOT);
            String auto = field(head, "Auto-Submitted").replaceAll("\\(.*\\)", "").strip().toLowerCase(Locale.ROOT);
            String subject = field(head, "Subject");
            if (contentType.startsWith("multipart/report")) return new Sent(Kind.REPORT, mailFrom, rcptTo, "", "", "", "");
            if (auto.startsWith("auto-replied")) {
                return new Sent(Kind.REPLY, mailFrom, rcptTo, subject, auto, field(head, "In-Reply-To"), field(head, "References"));
            }
            return new Sent(Kind.REDIRECT, mailFrom, rcptTo, subject, "", field(head, "Message-ID"), "");
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder().append(kind.name().toLowerCase(Locale.ROOT)).append(" <").append(mailFrom)
                    .append("> -> <").append(rcptTo).append('>');
            if (!subject.isEmpty()) b.append(" subject=\"").append(subject).append('"');
            if (!autoSubmitted.isEmpty()) b.append(" auto-submitted=").append(autoSubmitted);
            if (!inReplyTo.isEmpty()) b.append(kind == Kind.REDIRECT ? " message-id=" : " in-reply-to=").append(inReplyTo);
            if (!references.isEmpty()) b.append(" references=").append(references);
            return b.toString();
        }
    }

    /** The header section of a message (up to the first empty line), ISO-8859-1 so no octet is lost. */
    static String header(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        int lf = s.indexOf("\n\n");
        if (end < 0 || (lf >= 0 && lf < end)) end = lf;
        return end < 0 ? s : s.substring(0, end + 1);
    }

    /** The first field named {@code name}, unfolded and stripped; "" when absent. */
    static String field(String header, String name) {
        List<String> lines = new ArrayList<>(List.of(header.split("\r?\n")));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int colon = l.indexOf(':');
            if (colon <= 0 || !l.substring(0, colon).strip().equalsIgnoreCase(name)) continue;
            StringBuilder v = new StringBuilder(l.substring(colon + 1));
            for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty()
                    && (lines.get(j).charAt(0) == ' ' || lines.get(j).charAt(0) == '\t'); j++) {
                v.append(' ').append(lines.get(j).strip());
            }
            return v.toString().replaceAll("\\s+", " ").strip();
        }
        return "";
    }
}
