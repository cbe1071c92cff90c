package dev.surel.imap;

import dev.surel.config.Endpoint;
import dev.surel.net.ListenerMode;
import dev.surel.net.Service;
import dev.surel.server.NotYetServed;
import dev.surel.server.ProtocolModule;
import dev.surel.server.ServerContext;

/** IMAP listeners (imap with STARTTLS, imaps with implicit TLS): one {@link ImapSession} per connection. */
public final class ImapModule implements ProtocolModule {

    private final ServerContext ctx;
    private final ImapSettings settings;
    private final RecentTracker recent = new RecentTracker();

    private ImapModule(ServerContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.config().imap();
    }

    public static ImapModule start(ServerContext ctx) {
        return new ImapModule(ctx);
    }

    @Override
    public Service service(Endpoint endpoint) {
        return new Service(endpoint.key(), endpoint.implicitTls() ? ListenerMode.IMPLICIT_TLS : ListenerMode.PLAIN,
                conn -> new ImapSession(ctx, conn, settings, recent).run(), NotYetServed.busy(endpoint, ctx.config().hostname()));
    }
}
