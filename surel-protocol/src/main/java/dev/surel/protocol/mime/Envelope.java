package dev.surel.protocol.mime;

import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * The ENVELOPE of a message (RFC 9051 §7.5.2). {@code date}, {@code subject}, {@code inReplyTo}
 * and {@code messageId} are the unfolded header values as written (null when the field is absent,
 * IMAP NIL); they may contain RFC 2047 words and, in malformed mail, 8-bit characters (send those
 * as literals). Address lists are empty for NIL. Sender and Reply-To default to From when absent
 * or empty.
 */
public record Envelope(
        String date,
        String subject,
        List<ImapAddress> from,
        List<ImapAddress> sender,
        List<ImapAddress> replyTo,
        List<ImapAddress> to,
        List<ImapAddress> cc,
        List<ImapAddress> bcc,
        String inReplyTo,
        String messageId) {

    private static final int MAX_ADDRESSES = 1000;

    public Envelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** The envelope of a header; never throws. */
    public static Envelope of(HeaderFields h) {
        List<ImapAddress> from = addresses(h.value("From"));
        List<ImapAddress> sender = addresses(h.value("Sender"));
        List<ImapAddress> replyTo = addresses(h.value("Reply-To"));
        return new Envelope(
                raw(h, "Date"),
                raw(h, "Subject"),
                from,
                sender.isEmpty() ? from : sender,
                replyTo.isEmpty() ? from : replyTo,
                addresses(h.value("To")),
                addresses(h.value("Cc")),
                addresses(h.value("Bcc")),
                raw(h, "In-Reply-To"),
                raw(h, "Message-ID"));
    }

    private static String raw(HeaderFields h, String name) {
        String v = h.value(name);
        return v == null ? null : Text.sanitize(v);
    }

    /** {@link #subject()} with RFC 2047 words decoded, or null. */
    public String decodedSubject() {
        return Text.decodeWords(subject);
    }

    /**
     * The text SEARCH FROM / TO / CC / BCC look in (RFC 9051 §6.4.4), as Dovecot 2.3.19 builds it:
     * each address as {@code Name <mailbox@host>} (just {@code <mailbox@host>} without a name),
     * groups as {@code group: ...;}, separated by {@code ", "}. Comments inside an address are not
     * part of it (a comment that names a bare address is its name, see {@link #addresses}); an
     * unparsable value is its own text.
     */
    public static String addressSearchText(String value) {
        StringBuilder b = new StringBuilder();
        for (ImapAddress a : addresses(value)) {
            if (a.isGroupEnd()) {
                b.append(';');
                continue;
            }
            if (!b.isEmpty() && b.charAt(b.length() - 1) != ' ') b.append(", ");
            if (a.isGroupStart()) {
                b.append(a.mailbox()).append(": ");
            } else if (ImapAddress.MISSING_MAILBOX.equals(a.mailbox()) && ImapAddress.MISSING_DOMAIN.equals(a.host())) {
                b.append(a.name() == null ? "" : a.name());
            } else {
                if (a.name() != null) b.append(a.name()).append(' ');
                b.append('<').append(a.mailbox());
                if (!ImapAddress.MISSING_DOMAIN.equals(a.host())) b.append('@').append(a.host());
                b.append('>');
            }
        }
        return b.toString();
    }

    /**
     * Parses an address list leniently with mime4j's {@link LenientAddressParser}; a bare address
     * with a comment, {@code user@domain (Real Name)}, has the comment as its display name
     * ({@link AddressComments}, as Dovecot does). Unparsable
     * text yields one address with the text as display name, {@code MISSING_MAILBOX} and
     * {@code MISSING_DOMAIN}; null or blank input yields an empty list (NIL).
     */
    public static List<ImapAddress> addresses(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String v = Text.sanitize(value);
        List<ImapAddress> out = new ArrayList<>();
        try {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(AddressComments.asDisplayNames(v));
            for (Address a : list) {
                if (out.size() >= MAX_ADDRESSES) {
                    break;
                }
                if (a instanceof Group g) {
                    out.add(ImapAddress.groupStart(g.getName() == null ? "" : g.getName()));
                    for (Mailbox m : g.getMailboxes()) {
                        out.add(of(m));
                    }
                    out.add(ImapAddress.groupEnd());
                } else if (a instanceof Mailbox m) {
                    out.add(of(m));
                }
            }
        } catch (RuntimeException e) {
            out.clear();
        }
        if (out.isEmpty()) {
            out.add(new ImapAddress(v.strip(), null, ImapAddress.MISSING_MAILBOX, ImapAddress.MISSING_DOMAIN));
        }
        return out;
    }

    private static ImapAddress of(Mailbox m) {
        String name = m.getName();
        String route = null;
        if (m.getRoute() != null && m.getRoute().size() > 0) {
            route = m.getRoute().toRouteString();
            if (route.endsWith(":")) {
                route = route.substring(0, route.length() - 1);
            }
        }
        String local = m.getLocalPart();
        String domain = m.getDomain();
        return new ImapAddress(
                name == null || name.isEmpty() ? null : Text.sanitize(name),
                route,
                local == null || local.isEmpty() ? ImapAddress.MISSING_MAILBOX : local,
                domain == null || domain.isEmpty() ? ImapAddress.MISSING_DOMAIN : domain);
    }
}
