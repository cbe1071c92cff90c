package dev.surel.protocol.dmarc;

import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * The RFC 5322.From domains of a message (RFC 7489 §6.6.1), from its From field values.
 *
 * <p>What Surel does with the cases §6.6.1 leaves to the receiver:
 * <ul>
 *   <li>No From field: {@link Absent}; the message is excluded from DMARC (dmarc=none with a
 *       comment). It is not refused for that here: RFC 5322 requires From, but refusing
 *       malformed mail is not DMARC's job.</li>
 *   <li>A From field in which no address with a domain can be found: {@link Unusable}
 *       (dmarc=permerror): no policy can be looked up.</li>
 *   <li>Several From fields, or one with several addresses: every distinct domain is
 *       evaluated and the strictest outcome wins ({@link DmarcEvaluator}). Evaluating only
 *       one would let a forger add a harmless second domain to escape the first's p=reject.
 *       At most {@link #MAX_DOMAINS} are taken; a From with more is {@link Unusable}.</li>
 * </ul>
 * Domains are lower-cased, without a trailing dot, internationalized ones as A-labels.
 */
public final class FromDomains {

    /** Most distinct From domains evaluated (each costs up to two DNS lookups). */
    public static final int MAX_DOMAINS = 5;
    /** Longest From field value looked at. */
    public static final int MAX_FIELD = 8192;

    private FromDomains() {
    }

    /** The outcome. */
    public sealed interface Outcome {
    }

    /** The distinct From domains, first seen first (at least one, at most {@link #MAX_DOMAINS}). */
    public record Found(List<String> domains) implements Outcome {
        public Found {
            domains = List.copyOf(domains);
        }
    }

    /** No From field at all. */
    public record Absent() implements Outcome {
    }

    /** A From field without a usable domain, or with too many. */
    public record Unusable(String reason) implements Outcome {
    }

    /** @param fromValues the values (text after the colon, folding kept) of every From field */
    public static Outcome of(List<String> fromValues) {
        if (fromValues.isEmpty()) {
            return new Absent();
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String v : fromValues) {
            if (v.length() > MAX_FIELD) {
                return new Unusable("From field too long");
            }
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(v.replace("\r\n", ""));
            int found = 0;
            for (Address a : list) {
                List<Mailbox> boxes = switch (a) {
                    case Mailbox m -> List.of(m);
                    case Group g -> g.getMailboxes();
                    default -> List.of();
                };
                for (Mailbox m : boxes) {
                    String d = domain(m.getDomain());
                    if (d == null) {
                        return new Unusable("From address without a valid domain");
                    }
                    domains.add(d);
                    found++;
                }
            }
            if (found == 0) {
                return new Unusable("From field without an address");
            }
        }
        if (domains.size() > MAX_DOMAINS) {
            return new Unusable("more than " + MAX_DOMAINS + " From domains");
        }
        return new Found(List.copyOf(domains));
    }

    private static String domain(String raw) {
        if (raw == null) {
            return null;
        }
        String d = OrganizationalDomain.normalize(raw);
        if (d.isEmpty() || d.startsWith("[")) {
            return null; // no domain, or an address literal (no DNS name to ask)
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return d.matches("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*") && d.length() <= 253 ? d : null;
    }
}
