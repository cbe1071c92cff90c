package dev.surel.server;

import dev.surel.config.SurelConfig;
import dev.surel.delivery.DmarcReportJob;
import dev.surel.delivery.OutboundOptions;
import dev.surel.delivery.ReportTimer;
import dev.surel.delivery.SenderRewriting;
import dev.surel.delivery.SmtpRemoteTransport;
import dev.surel.delivery.TlsReportJob;
import dev.surel.filter.Greylist;
import dev.surel.filter.RecipientSpam;
import dev.surel.filter.SpamFilter;
import dev.surel.imap.ImapContext;
import dev.surel.imap.ImapModule;
import dev.surel.mailauth.DnsSpfCheck;
import dev.surel.mailauth.InboundAuth;
import dev.surel.mailauth.SpfCheck;
import dev.surel.maildrop.Pop3Policies;
import dev.surel.maildrop.Pop3Rows;
import dev.surel.managesieve.ManageSieveModule;
import dev.surel.pop3.Pop3Module;
import dev.surel.queue.MailQueue;
import dev.surel.queue.QueueModule;
import dev.surel.queue.RemoteTransport;
import dev.surel.reports.DmarcResults;
import dev.surel.reports.TlsResults;
import dev.surel.sieve.DeliveryScripts;
import dev.surel.sieve.SieveMemory;
import dev.surel.sieve.SpamScale;
import dev.surel.smtp.SmtpModule;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * Where the modules are wired (docs/adr/0010-layers-and-module-wiring.md): each module gets, from
 * the configuration and the open {@link Services}, exactly the settings and services it uses.
 * No module sees {@link Services} or the whole configuration, and none imports this package.
 */
public final class ModuleWiring {

    private ModuleWiring() {
    }

    /** The delivery queue's runner, with outbound SMTP ({@code [delivery]}) for remote recipients. */
    public static QueueModule queue(SurelConfig config, Services services, Clock clock) {
        TlsResults tlsResults = services.tlsResults();
        OutboundOptions options = new OutboundOptions(config.outboundTls(), SenderRewriting.srs(services.srs(), clock), clock, 443,
                session -> tlsResults.recordQuietly(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), session),
                services.dkimSigner(clock), services.mtaStsCache());
        return queue(config, services, new SmtpRemoteTransport(config.delivery(), services.dns(), new Random(), options), true, clock);
    }

    /**
     * The daily reports, checked hourly and sent through {@code queue}: TLS reports (RFC 8460) of
     * outbound delivery, DMARC aggregate reports (RFC 7489 §7.2) of incoming mail.
     */
    public static ReportTimer reports(SurelConfig config, Services services, MailQueue queue, Clock clock) {
        return ReportTimer.start(Duration.ofHours(1), List.of(
                new TlsReportJob(services.tlsResults(), services.dns(), services.store(), queue, config.outboundTls(), config.hostname(), clock),
                new DmarcReportJob(services.dmarcResults(), services.dns(), services.store(), queue, config.hostname(), clock)));
    }

    /**
     * The delivery queue's runner with {@code transport} for remote recipients (closed with the
     * module when {@code owned}); local recipients' Sieve scripts run at delivery, after the
     * site's {@code sieve.before} script (read and compiled at start: a broken one stops it).
     */
    public static QueueModule queue(SurelConfig config, Services services, RemoteTransport transport, boolean owned, Clock clock) {
        return QueueModule.start(services.queue(), services.store(), services.directory(), transport, owned, config.queue(), clock,
                config.hostname(), RecipientSpam.over(services.bayes(), config.filter(), services.mime()),
                deliveryScripts(config, services, clock));
    }

    /** SMTP; accepted mail goes to {@code queue}; port 25 mail is checked by {@link #inboundAuth}, filtered ({@code [filter]}) and
     * greylisted ({@code [greylist]}). */
    public static SmtpModule smtp(SurelConfig config, Services services, MailQueue queue, Clock clock) {
        return SmtpModule.start(config.smtp(), services.store(), services.directory(), services.loginGuard(), services.cleartext(),
                queue, services.srs(), config.hostname(), clock, inboundAuth(config, services, clock),
                SpamFilter.over(config.filter(), services.dns()), new Greylist(config.greylist(), services.database(), clock),
                deliveryScripts(config, services, clock));
    }

    /**
     * The users' Sieve scripts as delivery and the SMTP session run them: over the one runner of
     * {@link Services#sieveRunner} (the site's global scripts, compiled once), with spamtest on the
     * {@code [filter]} thresholds.
     */
    private static DeliveryScripts deliveryScripts(SurelConfig config, Services services, Clock clock) {
        return new DeliveryScripts(services.store(), services.sieveScripts(), new SieveMemory(services.database()),
                services.sieveRunner(), new SpamScale(config.filter().junkScore(), config.filter().rejectScore()), clock);
    }

    /** The checks of port 25 mail ({@code [mail_auth]}): SPF, DKIM and DMARC over the one DNS resolver. */
    static InboundAuth inboundAuth(SurelConfig config, Services services, Clock clock) {
        DmarcResults reports = services.dmarcResults();
        return InboundAuth.over(config.mailAuth(), services.dns(), spfCheck(config, services, clock), config.hostname(), clock, new Random(),
                (published, row) -> reports.recordQuietly(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), published, row));
    }

    /**
     * The SPF check of port 25 transactions (RFC 7208) over the one DNS resolver: the session asks
     * at MAIL FROM, the result goes into the Authentication-Results field and DMARC's SPF alignment.
     */
    static SpfCheck spfCheck(SurelConfig config, Services services, Clock clock) {
        return DnsSpfCheck.over(services.dns(), clock, config.hostname());
    }

    public static ImapModule imap(SurelConfig config, Services services) {
        return ImapModule.start(new ImapContext(config.imap(), services.store(), services.loginGuard(), services.cleartext(),
                services.mime(), config.store().maxMessageSize(), config.hostname(), services.bayesTraining(), services.fullText()));
    }

    public static Pop3Module pop3(SurelConfig config, Services services, Clock clock) {
        return Pop3Module.start(config.pop3(), services.store(), services.loginGuard(), services.cleartext(),
                new Pop3Policies(services.database(), config.pop3().policy()), new Pop3Rows(services.database()), config.hostname(), clock);
    }

    /** ManageSieve (RFC 5804) over the users' scripts, each checked by the one {@code ScriptChecker}. */
    public static ManageSieveModule manageSieve(SurelConfig config, Services services) {
        return ManageSieveModule.start(config.manageSieve(), services.sieveScripts(), services.scriptChecker(), services.loginGuard(),
                services.cleartext(), config.hostname());
    }
}
