package dev.surel.pop3;

import dev.surel.config.Endpoint;
import dev.surel.net.ListenerMode;
import dev.surel.net.Service;
import dev.surel.server.NotYetServed;
import dev.surel.server.ProtocolModule;
import dev.surel.server.ServerContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POP3 in the server: a {@link Pop3Session} per connection on {@code listen.pop3} (STLS) and
 * {@code listen.pop3s} (implicit TLS), the maildrop locks they share, and the keep:N expiry
 * job every {@code pop3.expire_interval} (stopped by {@link #close()}).
 */
public final class Pop3Module implements ProtocolModule {
    private static final Logger log = LoggerFactory.getLogger(Pop3Module.class);

    private final Pop3Context ctx;
    private final Pop3Expiry expiry;
    private final ScheduledExecutorService scheduler;

    private Pop3Module(ServerContext server) {
        Pop3Settings settings = server.config().pop3();
        var services = server.services();
        MaildropLocks locks = new MaildropLocks();
        Pop3Policies policies = new Pop3Policies(services.database(), settings.policy());
        Pop3Rows rows = new Pop3Rows(services.database());
        this.ctx = new Pop3Context(server, settings, locks, policies, rows, new LoginDelays(settings.loginDelay(), server.clock()));
        this.expiry = new Pop3Expiry(services.store(), rows, policies, locks, server.clock());
        if (settings.expireInterval().isZero()) {
            this.scheduler = null;
        } else {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pop3-expiry").factory());
            long ms = settings.expireInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::expireQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    public static Pop3Module start(ServerContext ctx) {
        return new Pop3Module(ctx);
    }

    private void expireQuietly() {
        try {
            expiry.run();
        } catch (RuntimeException e) {
            log.error("POP3 expiry failed", e);
        }
    }

    /** Runs the expiry job now (what the scheduler does every {@code pop3.expire_interval}). */
    public int expireNow() {
        return expiry.run();
    }

    @Override
    public Service service(Endpoint endpoint) {
        ListenerMode mode = endpoint.implicitTls() ? ListenerMode.IMPLICIT_TLS : ListenerMode.PLAIN;
        return new Service(endpoint.key(), mode, conn -> new Pop3Session(ctx, conn).run(),
                NotYetServed.busy(endpoint, ctx.server().config().hostname()));
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }
}
