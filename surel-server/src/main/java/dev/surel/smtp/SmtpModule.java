package dev.surel.smtp;

import dev.surel.config.Endpoint;
import dev.surel.net.ListenerMode;
import dev.surel.net.Service;
import dev.surel.queue.MailQueue;
import dev.surel.server.NotYetServed;
import dev.surel.server.ProtocolModule;
import dev.surel.server.ServerContext;

/**
 * SMTP on port 25 (MX: RFC 5321, STARTTLS offered never required, no AUTH), 587 (submission,
 * RFC 6409, STARTTLS and AUTH) and 465 (submissions, RFC 8314 implicit TLS and AUTH). Each
 * connection runs one {@link SmtpSession}; accepted mail goes to the {@link MailQueue}.
 */
public final class SmtpModule implements ProtocolModule {

    private final ServerContext ctx;
    private final MailQueue queue;

    private SmtpModule(ServerContext ctx, MailQueue queue) {
        this.ctx = ctx;
        this.queue = queue;
    }

    public static SmtpModule start(ServerContext ctx, MailQueue queue) {
        return new SmtpModule(ctx, queue);
    }

    @Override
    public Service service(Endpoint endpoint) {
        SmtpContext sc = new SmtpContext(endpoint, ctx.config().smtp(), ctx.services(), queue, ctx.config().hostname(), ctx.clock());
        return new Service(endpoint.key(), endpoint.implicitTls() ? ListenerMode.IMPLICIT_TLS : ListenerMode.PLAIN,
                c -> new SmtpSession(sc, c).run(), NotYetServed.busy(endpoint, ctx.config().hostname()));
    }
}
