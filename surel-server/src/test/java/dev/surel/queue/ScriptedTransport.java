package dev.surel.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/** A {@link RemoteTransport} test double: records each call (with the content it read) and answers from a script. */
final class ScriptedTransport implements RemoteTransport {

    record Call(OutboundMessage message, String content) { }

    final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    volatile Function<QueueRecipient, RecipientOutcome> script =
            r -> new RecipientOutcome.Deferred(r, "mx.remote.test", "451 4.7.1 greylisted, try later");

    @Override
    public List<RecipientOutcome> deliver(OutboundMessage message) {
        String content;
        try (InputStream in = message.content().open()) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add(new Call(message, content));
        return message.recipients().stream().map(script).toList();
    }

    static RecipientOutcome deliveredBy(QueueRecipient r) {
        return new RecipientOutcome.Delivered(r, "mx.remote.test", "250 2.0.0 ok");
    }

    static RecipientOutcome failedBy(QueueRecipient r) {
        return new RecipientOutcome.Failed(r, "mx.remote.test", "5.1.1", "550 5.1.1 <" + r.address() + ">: no such user");
    }
}
