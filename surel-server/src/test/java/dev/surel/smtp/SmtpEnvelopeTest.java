package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.net.Listener;
import dev.surel.net.NetContext;
import dev.surel.queue.Envelope;
import dev.surel.queue.MailQueue;
import dev.surel.queue.QueueException;
import dev.surel.queue.QueueRecipient;
import dev.surel.server.ModuleWiring;
import dev.surel.store.SpooledMessage;
import dev.surel.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the session hands the queue, seen through a recording {@link MailQueue} on a listener of
 * its own: DSN parameters (RFC 3461) on the envelope and each recipient, one recipient per
 * account, the 250 only after accept() returned, and 451 4.3.0 when the queue refuses.
 */
class SmtpEnvelopeTest {
    @RegisterExtension
    final TestServer f = SmtpClient.server().perTest();
    Listener listener;
    final List<Envelope> envelopes = new CopyOnWriteArrayList<>();
    final List<String> contents = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @BeforeEach
    void start() throws Exception {
        MailQueue recording = (id, envelope, blob) -> {
            if (failing) throw new QueueException("disk full");
            envelopes.add(envelope);
            contents.add(read(blob));
            return "Q" + envelopes.size();
        };
        listener = new Listener("127.0.0.1:0", ModuleWiring.smtp(f.config(), f.services(), recording, Clock.systemUTC()).service(Endpoint.SMTP),
                NetContext.of(f.config().net(), f.server().tls(), Clock.systemUTC()));
        listener.start();
    }

    private static String read(SpooledMessage blob) {
        try (InputStream in = blob.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private SmtpClient connect() throws IOException {
        InetSocketAddress a = listener.boundAddress();
        return SmtpClient.plain(a);
    }

    @Test
    void dsnParametersAndRecipientsReachTheQueue() throws Exception {
        try (SmtpClient c = connect()) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<sender@remote.example> RET=HDRS ENVID=env+2B42 BODY=8BITMIME SIZE=100")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<sales@example.test> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;sales+40example.test"))
                    .startsWith("250");
            assertThat(c.cmd("RCPT TO:<bob+tag@example.test> NOTIFY=NEVER")).startsWith("250");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: dsn\r\n\r\nx\r\n.")).isEqualTo("250 2.0.0 Ok: queued as Q1");
        }
        Envelope e = envelopes.getFirst();
        assertThat(e.reversePath()).isEqualTo("sender@remote.example");
        assertThat(e.ret()).isEqualTo(Envelope.Ret.HDRS);
        assertThat(e.envid()).isEqualTo("env+42");
        assertThat(e.body()).isEqualTo(Envelope.BodyType.EIGHT_BIT_MIME);
        assertThat(e.smtputf8()).isFalse();
        assertThat(e.authenticatedAs()).isNull();
        assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(e.recipients()).as("bob+tag is bob again: one entry").containsExactlyInAnyOrder(
                new QueueRecipient("alice@example.test", f.alice(), "sales@example.test", "rfc822;sales@example.test",
                        Set.of(QueueRecipient.Notify.SUCCESS, QueueRecipient.Notify.DELAY)),
                new QueueRecipient("bob@example.test", f.bob(), "sales@example.test", "rfc822;sales@example.test",
                        Set.of(QueueRecipient.Notify.SUCCESS, QueueRecipient.Notify.DELAY)));
        assertThat(contents.getFirst()).startsWith("Received: from client.example.org ([127.0.0.1])\r\n")
                .doesNotContain("\tfor <").endsWith("\r\nSubject: dsn\r\n\r\nx\r\n");
    }

    @Test
    void nullSenderAndDefaultsAndAQueueFailureIs451() throws Exception {
        try (SmtpClient c = connect()) {
            c.hello();
            c.cmd("MAIL FROM:<>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: a\r\n\r\nx\r\n.")).startsWith("250 2.0.0");
            failing = true;
            c.cmd("MAIL FROM:<>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: b\r\n\r\nx\r\n.")).startsWith("451 4.3.0");
            assertThat(c.cmd("NOOP")).startsWith("250");
        }
        Envelope e = envelopes.getFirst();
        assertThat(e.reversePath()).isEmpty();
        assertThat(e.ret()).isNull();
        assertThat(e.envid()).isNull();
        assertThat(e.body()).isEqualTo(Envelope.BodyType.SEVEN_BIT);
        assertThat(e.recipients()).singleElement().satisfies(r -> {
            assertThat(r.notifyOn()).isEmpty();
            assertThat(r.orcpt()).isNull();
            assertThat(r.rcptTo()).isEqualTo("alice@example.test");
        });
        assertThat(envelopes).hasSize(1);
    }
}
