package dev.surel.protocol.imap.fetch;

import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.mime.MessageStructure;
import java.util.Arrays;

/**
 * A message's FETCH ENVELOPE, BODY and BODYSTRUCTURE values (RFC 9051 §7.5.2, RFC 3501 §7.4.2)
 * rendered once to their wire bytes, as {@link ResponseBuilder#value} writes them, so a store can
 * keep them beside the message and a FETCH of many messages sends them without decoding or
 * rendering anything ({@link ResponseBuilder#rendered}).
 *
 * <p>The envelope has two forms: {@link HeaderTextMode#ENCODED_WORDS} for sessions without
 * UTF8=ACCEPT and {@link HeaderTextMode#UTF8} once a session enabled it (RFC 6855 §3). They differ
 * only when the header has non-ASCII text, so {@link #envelopeUtf8} is null when both are the same
 * bytes. BODY and BODYSTRUCTURE always use encoded words (as FETCH does for every session).
 *
 * <p>{@link #VERSION} names the rendering: a stored form of another version is stale (the rendering
 * changed) and must be computed again from the structure.
 *
 * @param envelope      ENVELOPE value for sessions without UTF8=ACCEPT
 * @param envelopeUtf8  ENVELOPE value for UTF8=ACCEPT sessions, or null when equal to {@code envelope}
 * @param body          BODY (non-extensible structure) value
 * @param bodyStructure BODYSTRUCTURE value
 */
public record PreparedFetch(byte[] envelope, byte[] envelopeUtf8, byte[] body, byte[] bodyStructure) {

    /** The version of this rendering (and of {@link dev.surel.protocol.imap.search.HeaderSearchTexts}'s encoding). */
    public static final int VERSION = 1;

    /** Renders the three items of a parsed message. */
    public static PreparedFetch of(MessageStructure st) {
        byte[] ascii = render(EnvelopeValue.of(st.envelope(), HeaderTextMode.ENCODED_WORDS));
        byte[] utf8 = render(EnvelopeValue.of(st.envelope(), HeaderTextMode.UTF8));
        return new PreparedFetch(ascii, Arrays.equals(ascii, utf8) ? null : utf8,
                render(BodyStructureValue.of(st.root(), false, HeaderTextMode.ENCODED_WORDS)),
                render(BodyStructureValue.of(st.root(), true, HeaderTextMode.ENCODED_WORDS)));
    }

    /** The ENVELOPE bytes for a session with ({@code utf8} true) or without UTF8=ACCEPT. */
    public byte[] envelope(boolean utf8) {
        return utf8 && envelopeUtf8 != null ? envelopeUtf8 : envelope;
    }

    /** BODYSTRUCTURE ({@code extensible}) or BODY bytes. */
    public byte[] structure(boolean extensible) {
        return extensible ? bodyStructure : body;
    }

    private static byte[] render(dev.surel.protocol.imap.ImapValue v) {
        return new ResponseBuilder().value(v).toByteArray();
    }
}
