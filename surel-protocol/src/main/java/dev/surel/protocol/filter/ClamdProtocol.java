package dev.surel.protocol.filter;

import java.nio.charset.StandardCharsets;

/**
 * clamd's INSTREAM command (clamd(8), "INSTREAM"): the command {@code zINSTREAM\0} (the 'z'
 * prefix: NUL-terminated command and reply), then the content in chunks, each preceded by its
 * length as a 4-octet unsigned big-endian number, ended by a zero-length chunk. The reply is one
 * NUL-terminated line: {@code stream: OK}, {@code stream: <signature> FOUND},
 * {@code INSTREAM size limit exceeded. ERROR} (the stream passed clamd's StreamMaxLength), or an
 * error.
 */
public final class ClamdProtocol {
    /** The command, NUL-terminated. */
    public static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    /** Longest reply read. */
    public static final int MAX_REPLY = 4096;

    private ClamdProtocol() {
    }

    /** The 4-octet big-endian length before a chunk (0 ends the stream). */
    public static byte[] chunkLength(int n) {
        if (n < 0) throw new IllegalArgumentException("chunk length " + n);
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /** clamd's answer to INSTREAM. */
    public sealed interface Reply {
        /** No signature matched. */
        record Clean() implements Reply { }

        /** A signature matched: the message carries malware (or a test file such as EICAR). */
        record Found(String signature) implements Reply { }

        /** The stream was longer than clamd's StreamMaxLength: not scanned. */
        record SizeLimit() implements Reply { }

        /** Anything else: clamd could not scan. */
        record Error(String text) implements Reply { }
    }

    /** Reads a reply (with or without its NUL or LF terminator). */
    public static Reply parse(String text) {
        String t = text;
        while (!t.isEmpty() && (t.charAt(t.length() - 1) == '\0' || t.charAt(t.length() - 1) == '\n')) t = t.substring(0, t.length() - 1);
        if (t.contains("size limit exceeded")) return new Reply.SizeLimit();
        String body = t.startsWith("stream: ") ? t.substring("stream: ".length()) : null;
        if (body == null) return new Reply.Error(printable(t));
        if (body.equals("OK")) return new Reply.Clean();
        if (body.endsWith(" FOUND") && body.length() > " FOUND".length()) {
            return new Reply.Found(printable(body.substring(0, body.length() - " FOUND".length())));
        }
        return new Reply.Error(printable(t));
    }

    /** Text safe for a log line or a reply: printable ASCII, at most 200 characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
