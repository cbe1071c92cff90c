package dev.surel.smtp;

import dev.surel.accounts.Directory;
import dev.surel.auth.LoginGuard;
import dev.surel.filter.Greylist;
import dev.surel.filter.SpamFilter;
import dev.surel.mailauth.InboundAuth;
import dev.surel.net.CleartextPolicy;
import dev.surel.net.Endpoint;
import dev.surel.protocol.srs.Srs;
import dev.surel.queue.MailQueue;
import dev.surel.store.MailStore;
import java.time.Clock;

/**
 * What every session of one SMTP listener shares: its endpoint and limits, and exactly the
 * services a session uses: the store (spooling, free space, quotas), the directory (recipients
 * and senders), logins, the clear-text rule, the queue accepted mail goes to, the SRS key (bounces
 * to forwarded mail's rewritten senders), the host name and the clock, and the checks of incoming
 * mail (SPF, DKIM, DMARC; port 25 only), its spam and malware filter (port 25 only) and greylisting
 * (port 25 only, never for an authenticated client).
 */
record SmtpContext(Endpoint endpoint, SmtpSettings settings, MailStore store, Directory directory, LoginGuard logins,
                   CleartextPolicy cleartext, MailQueue queue, Srs srs, String hostname, Clock clock, InboundAuth inbound,
                   SpamFilter filter, Greylist greylist, dev.surel.sieve.DeliveryScripts sieve) {

    /** Submission (587, 465): AUTH required before MAIL, sender ownership, Message-ID/Date added (RFC 6409). */
    boolean submission() {
        return endpoint == Endpoint.SUBMISSION || endpoint == Endpoint.SUBMISSIONS;
    }

    /**
     * Port 25 mail is checked (SPF, DKIM, DMARC, Authentication-Results) unless
     * {@code mail_auth.inbound = false}; submission never is (our own users' mail is not checked
     * against itself).
     */
    boolean checksInbound() {
        return endpoint == Endpoint.SMTP && inbound.enabled();
    }

    /** Port 25 mail is scored and scanned ({@code [filter]}, docs/filtering.md) unless {@code filter.enabled = false}. */
    boolean filtersInbound() {
        return endpoint == Endpoint.SMTP && filter.enabled();
    }

    /**
     * Port 25 recipients are greylisted ({@code [greylist]}, RFC 6647) when it is on; submission
     * never is (RFC 6647 §4: our own authenticated users are known, not strangers to delay).
     */
    boolean greylists() {
        return endpoint == Endpoint.SMTP && greylist.enabled();
    }
}
