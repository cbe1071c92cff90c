package dev.surel.managesieve;

import dev.surel.auth.LoginGuard;
import dev.surel.net.BusyLines;
import dev.surel.net.CleartextPolicy;
import dev.surel.net.Endpoint;
import dev.surel.net.ListenerMode;
import dev.surel.net.ProtocolModule;
import dev.surel.net.Service;
import dev.surel.sieve.ScriptChecker;
import dev.surel.sieve.SieveScripts;

/** ManageSieve in the server: a {@link ManageSieveSession} per connection on {@code listen.managesieve} (STARTTLS). */
public final class ManageSieveModule implements ProtocolModule {

    private final ManageSieveContext ctx;

    private ManageSieveModule(ManageSieveContext ctx) {
        this.ctx = ctx;
    }

    /** ManageSieve with {@code [managesieve]} settings over {@code scripts}, each new script checked by {@code checker}. */
    public static ManageSieveModule start(ManageSieveSettings settings, SieveScripts scripts, ScriptChecker checker, LoginGuard logins,
                                          CleartextPolicy cleartext, String hostname) {
        return new ManageSieveModule(new ManageSieveContext(settings, scripts, checker, logins, cleartext, hostname));
    }

    @Override
    public Service service(Endpoint endpoint) {
        ListenerMode mode = endpoint.implicitTls() ? ListenerMode.IMPLICIT_TLS : ListenerMode.PLAIN;
        return new Service(endpoint.key(), mode, conn -> new ManageSieveSession(ctx, conn).run(),
                BusyLines.busy(endpoint, ctx.hostname()));
    }
}
