package dev.surel.imap;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Mailbox names on the wire: modified UTF-7 for IMAP4rev1 clients (RFC 3501 §5.1.3), UTF-8
 * once the client enabled IMAP4rev2 (RFC 9051 §5.1). "INBOX" in any case is INBOX.
 *
 * <p>A small stand-in until imap-content's codec is merged; invalid modified UTF-7 is taken
 * literally.
 */
final class MailboxNames {
    private static final Base64.Encoder ENC = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getDecoder();

    private MailboxNames() {
    }

    /** Wire form to the store's name. */
    static String decode(String wire, boolean utf8) {
        String name = utf8 ? wire : fromModifiedUtf7(wire);
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    /** The store's name to the wire form. */
    static String encode(String name, boolean utf8) {
        return utf8 ? name : toModifiedUtf7(name);
    }

    static String toModifiedUtf7(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && (s.charAt(j) < 0x20 || s.charAt(j) > 0x7e)) j++;
            byte[] utf16 = s.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(ENC.encodeToString(utf16).replace('/', ',')).append('-');
            i = j;
        }
        return out.toString();
    }

    static String fromModifiedUtf7(String s) {
        if (s.indexOf('&') < 0) return s;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = s.indexOf('-', i + 1);
            if (end < 0) return s;
            if (end == i + 1) {
                out.append('&');
            } else {
                try {
                    byte[] utf16 = DEC.decode(s.substring(i + 1, end).replace(',', '/'));
                    if (utf16.length % 2 != 0) return s;
                    out.append(StandardCharsets.UTF_16BE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(utf16)));
                } catch (IllegalArgumentException | CharacterCodingException e) {
                    return s;
                }
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** True for INBOX in any case. */
    static boolean isInbox(String name) {
        return name.toUpperCase(Locale.ROOT).equals("INBOX");
    }


    /** A LIST pattern in wire form to store form (wildcards kept). */
    static String fromModifiedUtf7IfNeeded(String pattern, boolean utf8) {
        return utf8 ? pattern : fromModifiedUtf7(pattern);
    }
}
