package dev.surel.pop3;

import dev.surel.config.Endpoint;
import dev.surel.net.Service;
import dev.surel.server.NotYetServed;
import dev.surel.server.ProtocolModule;
import dev.surel.server.ServerContext;

/** POP3 listeners: the session handler per connection. */
public final class Pop3Module implements ProtocolModule {

    private final ServerContext ctx;

    private Pop3Module(ServerContext ctx) {
        this.ctx = ctx;
    }

    public static Pop3Module start(ServerContext ctx) {
        return new Pop3Module(ctx);
    }

    @Override
    public Service service(Endpoint endpoint) {
        return NotYetServed.service(endpoint, ctx.config().hostname());
    }
}
