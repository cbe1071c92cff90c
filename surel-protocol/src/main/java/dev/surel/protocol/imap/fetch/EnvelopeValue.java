package dev.surel.protocol.imap.fetch;

import dev.surel.protocol.imap.ImapValue;
import dev.surel.protocol.mime.Envelope;
import dev.surel.protocol.mime.ImapAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The FETCH ENVELOPE value (RFC 9051 §7.5.2, RFC 3501 §7.4.2): {@code (date subject from sender
 * reply-to to cc bcc in-reply-to message-id)}, each address list NIL when empty, each address
 * {@code (name adl mailbox host)}; a group is {@code (NIL NIL "group" NIL)} ... {@code (NIL NIL NIL
 * NIL)} (RFC 9051 §7.5.2 "[RFC-5322] group syntax"). Sender and Reply-To already default to From
 * (done by {@link Envelope#of}).
 */
public final class EnvelopeValue {

    private EnvelopeValue() {
    }

    public static ImapValue of(Envelope e, HeaderTextMode mode) {
        return new ImapValue.ListOf(List.of(
                ImapStrings.headerText(e.date(), mode),
                ImapStrings.headerText(subject(e, mode), mode),
                addresses(e.from(), mode),
                addresses(e.sender(), mode),
                addresses(e.replyTo(), mode),
                addresses(e.to(), mode),
                addresses(e.cc(), mode),
                addresses(e.bcc(), mode),
                ImapStrings.headerText(e.inReplyTo(), mode),
                ImapStrings.headerText(e.messageId(), mode)));
    }

    /** The raw subject; when it has raw 8-bit text and will be encoded, its RFC 2047 words are decoded first (no double encoding). */
    private static String subject(Envelope e, HeaderTextMode mode) {
        String s = e.subject();
        if (s == null || mode == HeaderTextMode.UTF8 || ImapStrings.isAscii(s)) {
            return s;
        }
        return e.decodedSubject();
    }

    /** An address list, NIL when empty (RFC 9051 §9 {@code env-from = "(" 1*address ")" / nil}). */
    public static ImapValue addresses(List<ImapAddress> list, HeaderTextMode mode) {
        if (list.isEmpty()) {
            return ImapValue.NIL;
        }
        List<ImapValue> out = new ArrayList<>(list.size());
        for (ImapAddress a : list) {
            String name = mode == HeaderTextMode.ENCODED_WORDS ? a.encodedName() : a.name();
            out.add(new ImapValue.ListOf(List.of(
                    ImapStrings.nstring(name),
                    ImapStrings.nstring(a.adl()),
                    ImapStrings.nstring(a.mailbox()),
                    ImapStrings.nstring(a.host()))));
        }
        return new ImapValue.ListOf(out);
    }
}
