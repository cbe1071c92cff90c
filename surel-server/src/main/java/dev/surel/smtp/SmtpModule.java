package dev.surel.smtp;

import dev.surel.config.Endpoint;
import dev.surel.net.Service;
import dev.surel.queue.MailQueue;
import dev.surel.server.NotYetServed;
import dev.surel.server.ProtocolModule;
import dev.surel.server.ServerContext;

/** SMTP on port 25 (MX), 587 (submission, STARTTLS) and 465 (submissions, implicit TLS); accepted mail goes to the queue. */
public final class SmtpModule implements ProtocolModule {

    private final ServerContext ctx;

    private SmtpModule(ServerContext ctx, MailQueue queue) {
        this.ctx = ctx;
    }

    public static SmtpModule start(ServerContext ctx, MailQueue queue) {
        return new SmtpModule(ctx, queue);
    }

    @Override
    public Service service(Endpoint endpoint) {
        return NotYetServed.service(endpoint, ctx.config().hostname());
    }
}
