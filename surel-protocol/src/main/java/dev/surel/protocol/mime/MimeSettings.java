package dev.surel.protocol.mime;

/**
 * Limits of the MIME parser; every one bounds memory or work for hostile input.
 *
 * <ul>
 *   <li>{@code maxHeaderBytes}: default 262144. Bytes of one header block kept for field
 *       parsing; further header lines are still skipped (offsets stay exact) but their fields are
 *       ignored. The store refuses such a message at intake ({@link MimeParser#parseChecked}), so a
 *       stored message's fields are all known.</li>
 *   <li>{@code maxLineBytes}: default 65536. Bytes of one line kept; the rest of a longer line
 *       is counted and dropped (a header field is cut there, and the store refuses the message;
 *       a longer body line is never a boundary).</li>
 *   <li>{@code maxDepth}: default 100. Multipart and
 *       message/rfc822 nesting deeper than this is treated as one opaque
 *       application/octet-stream part.</li>
 *   <li>{@code maxParts}: default 10000. Parts in one
 *       message; once reached, further boundaries of the current multipart are not recognised (the
 *       rest is epilogue) and nested containers become opaque.</li>
 *   <li>{@code maxTextChars}: default 1048576.
 *       Characters of decoded text kept per part by {@link PartText#text}.</li>
 * </ul>
 */
public record MimeSettings(int maxHeaderBytes, int maxLineBytes, int maxDepth, int maxParts, int maxTextChars) {

    public MimeSettings {
        if (maxHeaderBytes < 1024 || maxLineBytes < 1024 || maxDepth < 1 || maxParts < 1 || maxTextChars < 0) {
            throw new IllegalArgumentException("MIME limits too small: " + maxHeaderBytes + "/" + maxLineBytes
                    + "/" + maxDepth + "/" + maxParts + "/" + maxTextChars);
        }
    }

    public static MimeSettings defaults() {
        return new MimeSettings(256 * 1024, 64 * 1024, 100, 10_000, 1024 * 1024);
    }
}
