package dev.surel.queue;

import dev.surel.accounts.Directory;
import dev.surel.accounts.DirectoryException;
import dev.surel.accounts.Recipient;
import dev.surel.accounts.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The queue records for mail the server itself sends to an address (a DSN, a Sieve redirect, a
 * vacation reply, a rejection notice): a local address becomes its accounts (an alias's local
 * users and external targets), any other domain's address a remote recipient. {@code via} is the
 * record's RCPT TO: the address itself, or for a redirect the user whose script sent it (so an
 * outbound copy to a remote target gets an SRS sender of the user's domain,
 * {@code delivery.SenderRewriting}).
 */
final class Recipients {

    private Recipients() {}

    /** The records, or none when the address is an unknown local user or cannot be resolved now. */
    static List<QueueRecipient> of(Directory directory, String address, String via) {
        Resolution r;
        try {
            r = directory.resolve(address);
        } catch (DirectoryException e) {
            return List.of();
        }
        List<QueueRecipient> out = new ArrayList<>();
        switch (r) {
            case Resolution.Local l -> {
                for (Recipient t : l.recipients()) out.add(new QueueRecipient(t.address(), t.accountId(), via, null, Set.of()));
                for (String ext : l.unsupportedExternal()) out.add(new QueueRecipient(ext, null, via, null, Set.of()));
            }
            case Resolution.NotLocalDomain d -> out.add(new QueueRecipient(address, null, via, null, Set.of()));
            case Resolution.UnknownUser u -> { }
        }
        return out;
    }
}
