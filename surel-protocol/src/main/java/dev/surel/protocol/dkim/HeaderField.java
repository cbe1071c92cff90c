package dev.surel.protocol.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One header field as it stands in the message: its name and the raw text from the name to the
 * end of the last continuation line, without the final CRLF (folding kept). Text is held as
 * ISO-8859-1 so every octet survives unchanged.
 */
public record HeaderField(String name, String raw) {

    /** The raw text after the colon (folding kept). */
    public String value() {
        return raw.substring(raw.indexOf(':') + 1);
    }

    /** The header and body of a message (RFC 5322 §2.1); body starts after the empty line. */
    public record Split(List<HeaderField> headers, byte[] body) {
    }

    /**
     * Splits a CRLF message into header fields and body. A line that starts with WSP continues the
     * previous field; a line without a colon (not a header field) is kept as its own field with an
     * empty name, so it is never signed and never confused with another field.
     */
    public static Split split(byte[] message) {
        List<HeaderField> headers = new ArrayList<>();
        // Only the header is decoded to text; the body stays bytes (it may be large).
        int headerEnd = message.length;
        if (message.length >= 2 && message[0] == '\r' && message[1] == '\n') {
            headerEnd = 0;
        } else {
            for (int i = 0; i + 3 < message.length; i++) {
                if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                    headerEnd = i + 2;
                    break;
                }
            }
        }
        String text = new String(message, 0, Math.min(headerEnd + 2, message.length), StandardCharsets.ISO_8859_1);
        int pos = 0;
        StringBuilder current = null;
        int bodyStart = message.length;
        while (pos < text.length()) {
            int eol = text.indexOf("\r\n", pos);
            int next = eol < 0 ? text.length() : eol + 2;
            String line = text.substring(pos, eol < 0 ? text.length() : eol);
            if (line.isEmpty()) {
                bodyStart = next;
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append("\r\n").append(line);
            } else {
                if (current != null) {
                    headers.add(of(current.toString()));
                }
                current = new StringBuilder(line);
            }
            pos = next;
        }
        if (current != null) {
            headers.add(of(current.toString()));
        }
        byte[] body = java.util.Arrays.copyOfRange(message, Math.min(bodyStart, message.length), message.length);
        return new Split(List.copyOf(headers), body);
    }

    private static HeaderField of(String raw) {
        int colon = raw.indexOf(':');
        String name = colon < 0 ? "" : TagList.trimFws(raw.substring(0, colon));
        return new HeaderField(name, colon < 0 ? ":" + raw : raw);
    }
}
