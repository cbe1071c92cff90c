package dev.surel.server;

import dev.surel.config.SurelConfig;
import dev.surel.delivery.SmtpRemoteTransport;
import dev.surel.imap.ImapContext;
import dev.surel.imap.ImapModule;
import dev.surel.mailauth.InboundAuth;
import dev.surel.mailauth.SpfCheck;
import dev.surel.maildrop.Pop3Policies;
import dev.surel.maildrop.Pop3Rows;
import dev.surel.pop3.Pop3Module;
import dev.surel.queue.MailQueue;
import dev.surel.queue.QueueModule;
import dev.surel.queue.RemoteTransport;
import dev.surel.smtp.SmtpModule;
import java.time.Clock;
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
        return queue(config, services, new SmtpRemoteTransport(config.delivery(), services.dns(), new Random()), true, clock);
    }

    /** The delivery queue's runner with {@code transport} for remote recipients (closed with the module when {@code owned}). */
    public static QueueModule queue(SurelConfig config, Services services, RemoteTransport transport, boolean owned, Clock clock) {
        return QueueModule.start(services.queue(), services.store(), services.directory(), transport, owned, config.queue(), clock,
                config.hostname());
    }

    /** SMTP; accepted mail goes to {@code queue}; port 25 mail is checked by {@link #inboundAuth}. */
    public static SmtpModule smtp(SurelConfig config, Services services, MailQueue queue, Clock clock) {
        return SmtpModule.start(config.smtp(), services.store(), services.directory(), services.loginGuard(), services.cleartext(),
                queue, config.hostname(), clock, inboundAuth(config, services, clock));
    }

    /** The checks of port 25 mail ({@code [mail_auth]}): SPF, DKIM and DMARC over the one DNS resolver. */
    static InboundAuth inboundAuth(SurelConfig config, Services services, Clock clock) {
        return InboundAuth.over(config.mailAuth(), services.dns(), spfCheck(config, services), config.hostname(), clock, new Random());
    }

    /**
     * The SPF check of port 25 transactions. For now {@link SpfCheck#NONE} (every result "none"):
     * the lead swaps in the DNS-backed {@code dev.surel.mailauth.DnsSpfCheck} (RFC 7208) here, and
     * nothing else changes: the session asks at MAIL FROM, the result goes into the
     * Authentication-Results field and DMARC's SPF alignment.
     */
    static SpfCheck spfCheck(SurelConfig config, Services services) {
        return SpfCheck.NONE;
    }

    public static ImapModule imap(SurelConfig config, Services services) {
        return ImapModule.start(new ImapContext(config.imap(), services.store(), services.loginGuard(), services.cleartext(),
                services.mime(), config.store().maxMessageSize(), config.hostname()));
    }

    public static Pop3Module pop3(SurelConfig config, Services services, Clock clock) {
        return Pop3Module.start(config.pop3(), services.store(), services.loginGuard(), services.cleartext(),
                new Pop3Policies(services.database(), config.pop3().policy()), new Pop3Rows(services.database()), config.hostname(), clock);
    }
}
