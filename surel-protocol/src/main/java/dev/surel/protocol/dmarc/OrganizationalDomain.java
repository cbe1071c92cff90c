package dev.surel.protocol.dmarc;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.Optional;

/**
 * The organizational domain of RFC 7489 §3.2: the public suffix of a domain (found with the
 * Public Suffix List, where a name under no rule of the list has its last label as public suffix,
 * the list's default rule "*") plus one label. "mail.example.co.uk" gives "example.co.uk"; a public
 * suffix itself ("co.uk") or a name that is no valid domain gives itself.
 *
 * <p>The list is Guava's {@link InternetDomainName} (com.google.guava:guava, pinned in the parent
 * pom): a maintained copy of publicsuffix.org compiled into the library, with the algorithm of
 * publicsuffix.org (wildcards, exceptions) already done; the same answer on every machine, no
 * file to find at run time. The cost: the list is as new as the pinned Guava (bump it to refresh).
 * The private section of the list (e.g. "github.io") counts as well, as the list's own rules say
 * and as OpenDMARC does: "alice.github.io" and "bob.github.io" are different organizations.
 */
public final class OrganizationalDomain {

    private OrganizationalDomain() {
    }

    /** The organizational domain of {@code domain} (lower case, without a trailing dot). */
    public static String of(String domain) {
        String d = normalize(domain);
        Optional<InternetDomainName> n = parse(d);
        if (n.isEmpty()) {
            return d;
        }
        InternetDomainName name = n.get();
        if (name.isUnderPublicSuffix()) {
            return name.topPrivateDomain().toString();
        }
        if (name.hasPublicSuffix()) {
            return d; // a public suffix itself
        }
        // no rule of the list matches: the list's default rule "*" makes the last label the public
        // suffix (publicsuffix.org algorithm), so the organizational domain is the last two labels
        int last = d.lastIndexOf('.');
        int before = last < 0 ? -1 : d.lastIndexOf('.', last - 1);
        return before < 0 ? d : d.substring(before + 1);
    }

    /** Lower case, trailing dot removed. */
    static String normalize(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static Optional<InternetDomainName> parse(String d) {
        try {
            return Optional.of(InternetDomainName.from(d));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
