package dev.surel.smtp;

import dev.surel.accounts.Directory;
import dev.surel.auth.LoginGuard;
import dev.surel.filter.Greylist;
import dev.surel.filter.SpamFilter;
import dev.surel.mailauth.InboundAuth;
import dev.surel.net.BusyLines;
import dev.surel.net.CleartextPolicy;
import dev.surel.net.Endpoint;
import dev.surel.net.ListenerMode;
import dev.surel.net.ProtocolModule;
import dev.surel.net.Service;
import dev.surel.protocol.srs.Srs;
import dev.surel.queue.MailQueue;
import dev.surel.store.MailStore;
import java.time.Clock;

/**
 * SMTP on port 25 (MX: RFC 5321, STARTTLS offered never required, no AUTH), 587 (submission,
 * RFC 6409, STARTTLS and AUTH) and 465 (submissions, RFC 8314 implicit TLS and AUTH). Each
 * connection runs one {@link SmtpSession}; accepted mail goes to the {@link MailQueue}.
 */
public final class SmtpModule implements ProtocolModule {

    private final SmtpSettings settings;
    private final MailStore store;
    private final Directory directory;
    private final LoginGuard logins;
    private final CleartextPolicy cleartext;
    private final MailQueue queue;
    private final Srs srs;
    private final String hostname;
    private final Clock clock;
    private final InboundAuth inbound;
    private final SpamFilter filter;
    private final Greylist greylist;
    private final dev.surel.sieve.DeliveryScripts sieve;

    private SmtpModule(SmtpSettings settings, MailStore store, Directory directory, LoginGuard logins, CleartextPolicy cleartext,
                       MailQueue queue, Srs srs, String hostname, Clock clock, InboundAuth inbound, SpamFilter filter,
                       Greylist greylist, dev.surel.sieve.DeliveryScripts sieve) {
        this.settings = settings;
        this.store = store;
        this.directory = directory;
        this.logins = logins;
        this.cleartext = cleartext;
        this.queue = queue;
        this.srs = srs;
        this.hostname = hostname;
        this.clock = clock;
        this.inbound = inbound;
        this.filter = filter;
        this.greylist = greylist;
        this.sieve = sieve;
    }

    /**
     * SMTP with {@code [smtp]} settings; accepted mail goes to {@code queue}; port 25 mail is checked by {@code inbound} and
     * scored and scanned by {@code filter}; its recipients are greylisted by {@code greylist} (when on).
     */
    public static SmtpModule start(SmtpSettings settings, MailStore store, Directory directory, LoginGuard logins,
                                   CleartextPolicy cleartext, MailQueue queue, Srs srs, String hostname, Clock clock,
                                   InboundAuth inbound, SpamFilter filter, Greylist greylist, dev.surel.sieve.DeliveryScripts sieve) {
        return new SmtpModule(settings, store, directory, logins, cleartext, queue, srs, hostname, clock, inbound, filter, greylist,
                sieve);
    }

    /** Closes the spam filter (after the listeners, with the server). */
    @Override
    public void close() {
        filter.close();
    }

    @Override
    public Service service(Endpoint endpoint) {
        SmtpContext sc = new SmtpContext(endpoint, settings, store, directory, logins, cleartext, queue, srs, hostname, clock, inbound, filter,
                greylist, sieve);
        return new Service(endpoint.key(), endpoint.implicitTls() ? ListenerMode.IMPLICIT_TLS : ListenerMode.PLAIN,
                c -> new SmtpSession(sc, c).run(), BusyLines.busy(endpoint, hostname));
    }
}
