package dev.surel.imap;

import dev.surel.config.Endpoint;
import dev.surel.net.Service;
import dev.surel.server.NotYetServed;
import dev.surel.server.ProtocolModule;
import dev.surel.server.ServerContext;

/** IMAP listeners: the session handler per connection. */
public final class ImapModule implements ProtocolModule {

    private final ServerContext ctx;

    private ImapModule(ServerContext ctx) {
        this.ctx = ctx;
    }

    public static ImapModule start(ServerContext ctx) {
        return new ImapModule(ctx);
    }

    @Override
    public Service service(Endpoint endpoint) {
        return NotYetServed.service(endpoint, ctx.config().hostname());
    }
}
