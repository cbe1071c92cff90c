package dev.surel.accounts;

import java.util.Set;

/** The outcome of {@link Directory#resolve}. */
public sealed interface Resolution {

    /**
     * The address is deliverable: to these local accounts (deduplicated), and to these
     * external addresses reached through aliases, which are recorded but not yet supported
     * (the caller decides; remote forwarding comes with the delivery queue).
     */
    record Local(Set<Recipient> recipients, Set<String> unsupportedExternal) implements Resolution {
        public Local {
            recipients = Set.copyOf(recipients);
            unsupportedExternal = Set.copyOf(unsupportedExternal);
        }
    }

    /** The domain is local but nothing answers to the local part. */
    record UnknownUser(String address) implements Resolution { }

    /** The domain is not a local domain (not in the domains table). */
    record NotLocalDomain(String domain) implements Resolution { }
}
