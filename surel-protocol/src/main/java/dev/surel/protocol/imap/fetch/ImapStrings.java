package dev.surel.protocol.imap.fetch;

import dev.surel.protocol.imap.ImapValue;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.codec.EncoderUtil;

/**
 * Builds {@link ImapValue} strings from Java text. Every string is encoded as UTF-8, so its bytes are
 * always valid UTF-8 (header bytes that were not valid UTF-8 were read as ISO-8859-1 by the MIME
 * parser and come out as the corresponding characters).
 */
public final class ImapStrings {

    private ImapStrings() {
    }

    /** A string (NIL for null), bytes as UTF-8. */
    public static ImapValue nstring(String s) {
        return s == null ? ImapValue.NIL : new ImapValue.Str(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string (never NIL; null becomes the empty string). */
    public static ImapValue string(String s) {
        return new ImapValue.Str((s == null ? "" : s).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Header text for the wire: NIL for null; pure ASCII as is; otherwise RFC 2047 UTF-8 encoded
     * words ({@link HeaderTextMode#ENCODED_WORDS}, RFC 2047 §2, words separated by a space, never a
     * line break) or UTF-8 as is ({@link HeaderTextMode#UTF8}).
     */
    public static ImapValue headerText(String s, HeaderTextMode mode) {
        if (s == null) {
            return ImapValue.NIL;
        }
        if (mode == HeaderTextMode.ENCODED_WORDS && !isAscii(s)) {
            return string(encodeWords(s));
        }
        return string(s);
    }

    /** True when every character is 7-bit. */
    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** RFC 2047 encoding of text as UTF-8 encoded words separated by spaces (RFC 2047 §5 (1)). */
    public static String encodeWords(String s) {
        String w = EncoderUtil.encodeEncodedWord(s, EncoderUtil.Usage.TEXT_TOKEN, 0, StandardCharsets.UTF_8, null);
        return w.replace("\r\n", "").replace('\r', ' ').replace('\n', ' ');
    }
}
