package dev.surel.smtp;

import dev.surel.accounts.Directory;
import dev.surel.accounts.DirectoryException;
import dev.surel.accounts.Recipient;
import dev.surel.accounts.Resolution;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.srs.Srs;
import dev.surel.queue.QueueRecipient;
import dev.surel.store.MailStore;
import dev.surel.store.Quota;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Policy hook for RCPT TO: what {@link dev.surel.accounts.Directory#resolve} says about the
 * address (users, aliases, catch-all, sub-addressing, postmaster: RFC 5321 §4.5.1).
 *
 * <ul>
 *   <li>Local: one {@link QueueRecipient} per account ({@code localAccountId} set, {@code rcptTo}
 *       as given); external alias targets become remote recipients. An account over its quota
 *       defers the RCPT: 452 4.2.2 (RFC 3463).</li>
 *   <li>An SRS address of a local domain (a bounce to forwarded mail): the original sender as a
 *       remote recipient when the address is valid, else 550 5.1.1.</li>
 *   <li>Unknown local user: 550 5.1.1.</li>
 *   <li>Not a local domain: a remote recipient for an authenticated client, else 554 5.7.1:
 *       Surel is never an open relay (RFC 5321 §3.6.2, §7.1).</li>
 * </ul>
 */
final class RecipientPolicy {
    private RecipientPolicy() {
    }

    static PolicyResult<List<QueueRecipient>> check(Directory directory, MailStore store, boolean authenticated, SmtpCommand.Address to,
                                                    Set<QueueRecipient.Notify> notify, String orcpt, Srs srs, Instant now) {
        String given = wire(to);
        if (Srs.isSrs(to.localPart()) && isLocalDomain(directory, to.domain())) return srsBounce(srs, to, given, notify, orcpt, now);
        Resolution r;
        try {
            r = directory.resolve(to.mailbox());
        } catch (DirectoryException.InvalidAddress e) {
            r = classifyInvalid(directory, to);
        } catch (DirectoryException e) {
            return PolicyResult.defer(451, "4.3.0", "Recipient cannot be resolved now, try again later");
        }
        return switch (r) {
            case Resolution.Local l -> {
                List<QueueRecipient> out = new ArrayList<>();
                for (Recipient x : l.recipients()) {
                    Quota q = store.quota(x.accountId());
                    if (overQuota(q)) yield PolicyResult.defer(452, "4.2.2", "Mailbox full, try again later");
                    out.add(new QueueRecipient(x.address(), x.accountId(), given, orcpt, notify));
                }
                for (String ext : l.unsupportedExternal()) out.add(new QueueRecipient(ext, null, given, orcpt, notify));
                yield PolicyResult.accept(out);
            }
            case Resolution.UnknownUser u -> PolicyResult.reject(550, "5.1.1", "Recipient address rejected: user unknown");
            case Resolution.NotLocalDomain n -> authenticated
                    ? PolicyResult.accept(List.of(new QueueRecipient(given, null, given, orcpt, notify)))
                    : PolicyResult.reject(554, "5.7.1", "Relay access denied");
        };
    }

    /**
     * Mail to an SRS address of ours (a bounce, or a reply, to forwarded mail): passed on to the
     * original sender, without authentication, since only this server can make a valid one; a
     * forged, damaged or expired one is refused (550 5.1.1), which keeps it from being a relay.
     */
    private static PolicyResult<List<QueueRecipient>> srsBounce(Srs srs, SmtpCommand.Address to, String given,
                                                              Set<QueueRecipient.Notify> notify, String orcpt, Instant now) {
        return switch (srs.reverse(to.localPart(), now)) {
            case Srs.Reversed.Original o -> PolicyResult.accept(List.of(new QueueRecipient(o.address(), null, given, orcpt, notify)));
            case Srs.Reversed.Invalid i -> PolicyResult.reject(550, "5.1.1", "Recipient address rejected: " + i.reason());
        };
    }

    private static boolean isLocalDomain(Directory directory, String domain) {
        try {
            return directory.findDomain(domain).isPresent();
        } catch (DirectoryException e) {
            return false;
        }
    }

    /** An address the directory cannot even parse (quoted or non-ASCII local part, address literal). */
    private static Resolution classifyInvalid(Directory directory, SmtpCommand.Address to) {
        try {
            if (directory.findDomain(to.domain()).isPresent()) return new Resolution.UnknownUser(to.mailbox());
        } catch (DirectoryException.InvalidAddress e) {
            // an address literal or a malformed domain: not ours
        }
        return new Resolution.NotLocalDomain(to.domain());
    }

    static boolean overQuota(Quota q) {
        return q.limitBytes() > 0 && q.usedBytes() >= q.limitBytes()
                || q.limitMessages() > 0 && q.usedMessages() >= q.limitMessages();
    }

    /** The mailbox as it goes on the wire, local part quoted when needed. */
    static String wire(SmtpCommand.Address a) {
        String p = a.path();
        return p.substring(1, p.length() - 1);
    }
}
