package dev.surel.pop3;

import dev.surel.auth.LoginGuard;
import dev.surel.maildrop.MaildropLocks;
import dev.surel.maildrop.Pop3Expiry;
import dev.surel.maildrop.Pop3Policies;
import dev.surel.maildrop.Pop3Rows;
import dev.surel.net.BusyLines;
import dev.surel.net.CleartextPolicy;
import dev.surel.net.Endpoint;
import dev.surel.net.ListenerMode;
import dev.surel.net.ProtocolModule;
import dev.surel.net.Service;
import dev.surel.store.MailStore;
import java.time.Clock;
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

    private Pop3Module(Pop3Settings settings, MailStore store, LoginGuard logins, CleartextPolicy cleartext,
                       Pop3Policies policies, Pop3Rows rows, String hostname, Clock clock) {
        MaildropLocks locks = new MaildropLocks();
        this.ctx = new Pop3Context(settings, store, logins, cleartext, hostname, clock, locks, policies, rows,
                new LoginDelays(settings.loginDelay(), clock));
        this.expiry = new Pop3Expiry(store, rows, policies, locks, clock);
        if (settings.expireInterval().isZero()) {
            this.scheduler = null;
        } else {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pop3-expiry").factory());
            long ms = settings.expireInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::expireQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** POP3 with {@code [pop3]} settings, leave-on-server {@code policies} and the POP3 state in {@code rows}. */
    public static Pop3Module start(Pop3Settings settings, MailStore store, LoginGuard logins, CleartextPolicy cleartext,
                                   Pop3Policies policies, Pop3Rows rows, String hostname, Clock clock) {
        return new Pop3Module(settings, store, logins, cleartext, policies, rows, hostname, clock);
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
                BusyLines.busy(endpoint, ctx.hostname()));
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }
}
