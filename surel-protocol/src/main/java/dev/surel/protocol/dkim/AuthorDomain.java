package dev.surel.protocol.dkim;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * The author's domain: the domain of the one mailbox of the one RFC 5322 From field (RFC 5322
 * §3.6.2). It is the domain a signature must be made for to align under DMARC (RFC 7489 §3.1.1).
 * A message with no From, several From fields or several mailboxes in From has none (RFC 7489
 * §6.6.1 lets a receiver refuse such a message; Surel does not sign it).
 */
public final class AuthorDomain {

    private AuthorDomain() {
    }

    public static Optional<String> of(List<HeaderField> headers) {
        List<HeaderField> from = headers.stream().filter(f -> f.name().equalsIgnoreCase("From")).toList();
        if (from.size() != 1) {
            return Optional.empty();
        }
        String value = from.getFirst().value().replace("\r\n", "");
        if (value.length() > 4096) {
            return Optional.empty();
        }
        try {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
            MailboxList mailboxes = list.flatten();
            if (mailboxes.size() != 1 || mailboxes.get(0).getDomain() == null) {
                return Optional.empty();
            }
            String d = mailboxes.get(0).getDomain().strip().toLowerCase(Locale.ROOT);
            if (d.endsWith(".")) {
                d = d.substring(0, d.length() - 1);
            }
            return d.isEmpty() || d.startsWith("[") ? Optional.empty() : Optional.of(d);
        } catch (RuntimeException e) {
            return Optional.empty(); // an unparseable From: no author domain
        }
    }
}
