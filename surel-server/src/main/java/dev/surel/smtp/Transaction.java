package dev.surel.smtp;

import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.queue.QueueRecipient;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction (RFC 5321 §3.3): from MAIL to the end of DATA / BDAT LAST, or RSET.
 * Recipients are the accepted ones, expanded (one entry per local account, deduplicated).
 */
final class Transaction {
    final SmtpCommand.Mail mail;
    final List<QueueRecipient> recipients = new ArrayList<>();
    /** RCPT commands accepted (the recipients limit counts these). */
    int acceptedRcpts;
    /** The RCPT TO addresses as given, for the Received: "for" clause. */
    final List<String> rcptPaths = new ArrayList<>();
    /** The BDAT message in progress (RFC 3030), null before the first chunk. */
    MessageWriter bdat;
    /** The data deadline of the BDAT message in progress, started at its first chunk (null before). */
    dev.surel.net.Deadline bdatDeadline;
    /** Octets announced by BDAT commands so far. */
    long bdatOctets;
    dev.surel.protocol.smtp.BareLineEndings bdatBare;
    /** The SPF outcome computed at MAIL FROM (port 25 with checks on), else null. */
    dev.surel.mailauth.InboundAuth.Spf spf;

    Transaction(SmtpCommand.Mail mail) {
        this.mail = mail;
    }

    boolean smtputf8() {
        return mail.params().smtputf8();
    }

    /** Adds recipients, skipping a local account or remote address already present. */
    void add(List<QueueRecipient> rs) {
        for (QueueRecipient r : rs) {
            boolean dup = recipients.stream().anyMatch(x -> r.isLocal()
                    ? r.localAccountId().equals(x.localAccountId())
                    : !x.isLocal() && x.address().equalsIgnoreCase(r.address()));
            if (!dup) recipients.add(r);
        }
    }

    /** Drops a BDAT message in progress. */
    void abort() {
        if (bdat != null) bdat.abort();
        bdat = null;
    }
}
