package dev.surel.smtp;

import dev.surel.accounts.Directory;
import dev.surel.accounts.DirectoryException;
import dev.surel.accounts.Resolution;
import dev.surel.auth.AuthenticatedUser;
import dev.surel.protocol.smtp.SmtpCommand;

/**
 * Policy hook for MAIL FROM on submission (RFC 6409 §4.3, §6.1): the reverse-path must be an
 * address the logged-in user owns, that is an address the directory resolves to their
 * account: their own, an alias that includes them, their sub-address ({@code user+tag}).
 * Anything else, the null path included, is 553 5.7.1. Port 25 has no such rule.
 */
final class SenderPolicy {
    private SenderPolicy() {
    }

    static PolicyResult<Void> check(Directory directory, AuthenticatedUser user, SmtpCommand.Address from) {
        if (from.isNull() || from.domain().isEmpty()) {
            return PolicyResult.reject(553, "5.7.1", "Sender address rejected: not owned by the authenticated user");
        }
        Resolution r;
        try {
            r = directory.resolve(from.mailbox());
        } catch (DirectoryException.InvalidAddress e) {
            return PolicyResult.reject(553, "5.7.1", "Sender address rejected: not owned by the authenticated user");
        } catch (DirectoryException e) {
            return PolicyResult.defer(451, "4.3.0", "Sender address cannot be checked now, try again later");
        }
        if (r instanceof Resolution.Local l && l.recipients().stream().anyMatch(x -> x.accountId() == user.accountId())) {
            return PolicyResult.accept(null);
        }
        return PolicyResult.reject(553, "5.7.1", "Sender address rejected: not owned by the authenticated user");
    }
}
