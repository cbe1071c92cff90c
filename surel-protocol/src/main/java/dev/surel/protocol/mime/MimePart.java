package dev.surel.protocol.mime;

import java.util.List;

/**
 * One entity of the MIME tree with its exact byte offsets in the whole stored message.
 *
 * <p>Invariants: {@code 0 <= headerStart <= bodyStart <= bodyEnd <= message size}. The header
 * range {@code [headerStart, bodyStart)} includes the blank line that ends the header (when
 * present); the body range {@code [bodyStart, bodyEnd)} excludes the line break that belongs to
 * the following boundary delimiter (RFC 2046 §5.1.1). Children lie inside their parent's body, in
 * order, without overlap.
 */
public sealed interface MimePart permits MimePart.Single, MimePart.Multipart, MimePart.Message {

    long headerStart();

    long bodyStart();

    long bodyEnd();

    ContentFields content();

    /** The MIME header of this part: what {@code BODY[n.MIME]} returns. */
    default ByteRange header() {
        return new ByteRange(headerStart(), bodyStart());
    }

    /** The body of this part: what {@code BODY[n]} returns. */
    default ByteRange body() {
        return new ByteRange(bodyStart(), bodyEnd());
    }

    /** Body size in octets, as BODYSTRUCTURE reports it. */
    default long bodySize() {
        return bodyEnd() - bodyStart();
    }

    /**
     * A non-multipart, non-message part. {@code lines} is the number of lines of the body (for
     * BODYSTRUCTURE of text/*): line breaks in the body plus one when the body is not empty and does
     * not end with a line break.
     */
    record Single(long headerStart, long bodyStart, long bodyEnd, ContentFields content, long lines)
            implements MimePart {
    }

    /** A multipart; {@code children} is never empty (an empty multipart is parsed as a Single). */
    record Multipart(long headerStart, long bodyStart, long bodyEnd, ContentFields content, List<MimePart> children)
            implements MimePart {
        public Multipart {
            children = List.copyOf(children);
        }

        public String subtype() {
            return content.subtype();
        }
    }

    /**
     * A message/rfc822 (or message/global) part: {@code message} is the encapsulated message's root
     * entity (its {@code headerStart} equals this part's {@code bodyStart}); {@code envelope} is its
     * envelope; {@code lines} counts the lines of this part's body.
     */
    record Message(long headerStart, long bodyStart, long bodyEnd, ContentFields content, long lines,
            Envelope envelope, MimePart message) implements MimePart {
    }
}
