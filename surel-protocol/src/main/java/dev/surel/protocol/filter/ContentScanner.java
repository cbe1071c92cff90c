package dev.surel.protocol.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Looks at one message as it streams by, once, holding almost nothing: which of the header fields
 * the {@link HeaderRules} look at are present ({@code Date}, {@code Message-ID}, {@code From},
 * {@code Subject}, RFC 5322 §3.6), the values of the first {@code From} and {@code Subject} (each
 * cut to {@value #MAX_VALUE} octets), and whether the {@link Gtube} string is in the first
 * {@code bodyLimit} octets of the body. Header fields are read until the first empty line (RFC
 * 5322 §2.1); a bare LF ends a line too. Memory: one field of at most {@value #MAX_VALUE} octets.
 * One instance per message; octets in order.
 */
public final class ContentScanner {
    /** Longest part of a field kept. */
    public static final int MAX_VALUE = 4096;

    private final Gtube gtube;
    private final ByteArrayOutputStream field = new ByteArrayOutputStream(256);
    private boolean inHeader = true;
    private boolean atLineStart = true;
    private boolean hasDate;
    private boolean hasMessageId;
    private String from;
    private String subject;

    /** @param bodyLimit octets of the body searched for GTUBE */
    public ContentScanner(long bodyLimit) {
        this.gtube = new Gtube(bodyLimit);
    }

    /** The next octets of the message. */
    public void write(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && inHeader) {
            byte c = b[i];
            if (atLineStart) {
                if (c != ' ' && c != '\t') {
                    endField();
                    if (c == '\r' || c == '\n') {
                        inHeader = false; // the empty line; the body starts after its LF
                        int lf = i;
                        while (lf < end && b[lf] != '\n') lf++;
                        i = Math.min(end, lf + 1);
                        if (lf == end) skipToLf = true;
                        break;
                    }
                }
                atLineStart = false;
            }
            int j = i;
            while (j < end && b[j] != '\n') j++;
            if (j < end) {
                j++;
                atLineStart = true;
            }
            int keep = Math.min(j - i, MAX_VALUE - field.size());
            if (keep > 0) field.write(b, i, keep);
            i = j;
        }
        if (i < end && skipToLf) {
            while (i < end && b[i] != '\n') i++;
            if (i < end) {
                i++;
                skipToLf = false;
            }
        }
        if (i < end) gtube.write(b, i, end - i);
    }

    /** The empty line's CR came at the end of a write: its LF is still header. */
    private boolean skipToLf;

    private void endField() {
        if (field.size() == 0) return;
        String text = field.toString(StandardCharsets.ISO_8859_1);
        field.reset();
        int colon = text.indexOf(':');
        if (colon <= 0) return;
        String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case "date" -> hasDate = true;
            case "message-id" -> hasMessageId = true;
            case "from" -> {
                if (from == null) from = value(text, colon);
            }
            case "subject" -> {
                if (subject == null) subject = DecoderUtil.decodeEncodedWords(value(text, colon), DecodeMonitor.SILENT);
            }
            default -> { }
        }
    }

    /** The field's value unfolded (RFC 5322 §2.2.3), read as UTF-8 (RFC 6532). */
    private static String value(String latin1, int colon) {
        String v = new String(latin1.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return v.replaceAll("\r?\n(?=[ \t])", "").strip();
    }

    /** What was seen; call once the whole message went by. */
    public ContentFeatures features() {
        if (inHeader) endField(); // a message that is all header
        return new ContentFeatures(hasDate, hasMessageId, from, subject, gtube.found());
    }
}
