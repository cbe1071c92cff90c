package dev.surel.protocol.mime;

import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.codec.EncoderUtil;

/**
 * One IMAP address structure (RFC 9051 §7.5.2 "addr-name addr-adl addr-mailbox addr-host").
 * Null means NIL. A group start has a null host and the group name as mailbox; a group end has
 * null mailbox and host ({@link #isGroupStart()}, {@link #isGroupEnd()}).
 *
 * <p>{@link #name()} is the decoded display name (RFC 2047 words decoded); {@link #encodedName()}
 * is the form to put on the wire (ASCII, an RFC 2047 UTF-8 encoded word when needed). A mailbox without a domain
 * gets host {@code MISSING_DOMAIN}, an address without local part mailbox {@code MISSING_MAILBOX},
 * so a normal address never looks like a group marker.
 */
public record ImapAddress(String name, String adl, String mailbox, String host) {

    public static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    public static final String MISSING_DOMAIN = "MISSING_DOMAIN";

    static ImapAddress groupStart(String groupName) {
        return new ImapAddress(null, null, groupName, null);
    }

    static ImapAddress groupEnd() {
        return new ImapAddress(null, null, null, null);
    }

    public boolean isGroupStart() {
        return host == null && mailbox != null;
    }

    public boolean isGroupEnd() {
        return host == null && mailbox == null;
    }

    /** The display name for the wire: as is when printable ASCII, else an RFC 2047 encoded word. */
    public String encodedName() {
        if (name == null) {
            return null;
        }
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(name);
        return ascii ? name : EncoderUtil.encodeEncodedWord(name, EncoderUtil.Usage.WORD_ENTITY, 0,
                StandardCharsets.UTF_8, null);
    }

    /** {@code mailbox@host}, or null for group markers. */
    public String address() {
        return host == null ? null : mailbox + "@" + host;
    }
}
