package dev.surel.smtp;

import dev.surel.config.Endpoint;
import dev.surel.queue.MailQueue;
import dev.surel.server.Services;
import java.time.Clock;

/** What every session of one SMTP listener shares: its endpoint, limits, services, queue, host name and clock. */
record SmtpContext(Endpoint endpoint, SmtpSettings settings, Services services, MailQueue queue, String hostname, Clock clock) {

    /** Submission (587, 465): AUTH required before MAIL, sender ownership, Message-ID/Date added (RFC 6409). */
    boolean submission() {
        return endpoint == Endpoint.SUBMISSION || endpoint == Endpoint.SUBMISSIONS;
    }
}
