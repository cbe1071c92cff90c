package dev.surel.imap;

import dev.surel.net.BusyLines;
import dev.surel.net.Endpoint;
import dev.surel.net.ListenerMode;
import dev.surel.net.ProtocolModule;
import dev.surel.net.Service;

/** IMAP listeners (imap with STARTTLS, imaps with implicit TLS): one {@link ImapSession} per connection. */
public final class ImapModule implements ProtocolModule {

    private final ImapContext ctx;
    private final RecentTracker recent = new RecentTracker();

    private ImapModule(ImapContext ctx) {
        this.ctx = ctx;
    }

    public static ImapModule start(ImapContext ctx) {
        return new ImapModule(ctx);
    }

    @Override
    public Service service(Endpoint endpoint) {
        return new Service(endpoint.key(), endpoint.implicitTls() ? ListenerMode.IMPLICIT_TLS : ListenerMode.PLAIN,
                conn -> new ImapSession(ctx, conn, recent).run(), BusyLines.busy(endpoint, ctx.hostname()));
    }
}
