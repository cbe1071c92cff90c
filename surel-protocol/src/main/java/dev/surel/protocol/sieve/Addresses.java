package dev.surel.protocol.sieve;

import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * Addresses out of header values and the envelope, split into the parts the address test
 * compares (RFC 5228 §2.7.4: local part and domain; RFC 5233 §4: user and detail).
 */
final class Addresses {

    private Addresses() {}

    /** An address; {@code domain} is empty for a local-only or null address. */
    record Addr(String localPart, String domain) {
        String all() {
            return domain.isEmpty() ? localPart : localPart + "@" + domain;
        }
    }

    /** The mailboxes of an address-list header value (groups expanded), or none when it is not one. */
    static List<Addr> parseList(String value) {
        List<Addr> out = new ArrayList<>();
        AddressList list;
        try {
            list = LenientAddressParser.DEFAULT.parseAddressList(value);
        } catch (RuntimeException e) {
            return out;
        }
        for (Address a : list) {
            if (a instanceof Mailbox m) {
                out.add(of(m));
            } else if (a instanceof Group g) {
                for (Mailbox m : g.getMailboxes()) out.add(of(m));
            }
        }
        return out;
    }

    /** One mailbox ({@code a@b.example} or {@code Name <a@b.example>}), or null. */
    static Addr parseOne(String value) {
        if (value.isBlank() || value.length() > 998 || value.chars().anyMatch(c -> c == '\r' || c == '\n')) return null;
        try {
            Mailbox m = LenientAddressParser.DEFAULT.parseMailbox(value);
            if (m == null || m.getLocalPart() == null || m.getLocalPart().isEmpty()
                    || m.getDomain() == null || m.getDomain().isEmpty()) {
                return null;
            }
            return of(m);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** An address a redirect may go to: one mailbox with a local part and a domain (RFC 5228 §4.2). */
    static boolean isMailbox(String value) {
        Addr a = parseOne(value);
        return a != null;
    }

    /** An envelope address ({@code local@domain}, no brackets; empty for the null reverse-path). */
    static Addr envelope(String value) {
        String v = value.strip();
        if (v.startsWith("<") && v.endsWith(">")) v = v.substring(1, v.length() - 1);
        int at = v.lastIndexOf('@');
        return at < 0 ? new Addr(v, "") : new Addr(v.substring(0, at), v.substring(at + 1));
    }

    private static Addr of(Mailbox m) {
        String local = m.getLocalPart() == null ? "" : m.getLocalPart();
        String domain = m.getDomain() == null ? "" : m.getDomain();
        return new Addr(local, domain);
    }

    /**
     * The part an ADDRESS-PART names (RFC 5228 §2.7.4, RFC 5233 §4 with '+' as separator), or
     * null when the address has no such part (:detail without a separator).
     */
    static String part(Addr a, String addressPart) {
        String local = a.localPart();
        int plus = local.indexOf('+');
        return switch (addressPart) {
            case ":localpart" -> local;
            case ":domain" -> a.domain();
            case ":user" -> plus < 0 ? local : local.substring(0, plus);
            case ":detail" -> plus < 0 ? null : local.substring(plus + 1);
            default -> a.all();
        };
    }
}
