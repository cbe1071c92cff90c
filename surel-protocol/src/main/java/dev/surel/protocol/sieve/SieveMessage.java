package dev.surel.protocol.sieve;

import java.util.List;

/**
 * The message and envelope a script runs against (RFC 5228 §2.7, §5): what the deliverer knows,
 * answered without I/O in this package. Header values come as written (unfolded or not; not
 * RFC 2047 decoded: the interpreter decodes for {@code header}, and parses addresses from the
 * raw value for {@code address}).
 */
public interface SieveMessage {

    /** The values of the header fields named {@code name} (case-insensitive), in message order. */
    List<String> header(String name);

    /** The envelope sender (MAIL FROM, RFC 5321 §4.1.1.2) without brackets; empty for the null reverse-path. */
    String envelopeFrom();

    /** The envelope recipient (RCPT TO) this delivery is for, without brackets. */
    String envelopeTo();

    /** The message size in octets (RFC 5228 §5.9). */
    long size();

    /**
     * The body texts the body test compares (RFC 5173 §5): the undecoded body for
     * {@link BodyTransform.Raw}, the decoded text of the text parts for {@link BodyTransform.Text},
     * the decoded parts of the given content types for {@link BodyTransform.Content}. The
     * implementation bounds how much of a large body it returns.
     */
    List<String> body(BodyTransform transform);
}
