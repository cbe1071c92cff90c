package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message sent through SMTP (the server's own port 25 listener) reaches a client idling on
 * INBOX as an untagged EXISTS (RFC 2177), without the client sending anything.
 */
class SmtpToIdleInteropTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    @Test
    void smtpDeliveryIsPushedToAnIdleSession() throws Exception {
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS, Endpoint.SMTP).user(ALICE, PASSWORD).start(dir);
                RawImap imap = new RawImap(fx.port(Endpoint.IMAP))) {
            assertThat(imap.line()).startsWith("* OK");
            assertThat(imap.command("LOGIN \"" + ALICE + "\" \"" + PASSWORD + "\"").getLast()).contains(" OK");
            assertThat(imap.command("SELECT INBOX")).contains("* 0 EXISTS");
            imap.send("i1 IDLE\r\n");
            assertThat(imap.line()).startsWith("+");
            BlockingQueue<String> pushed = new ArrayBlockingQueue<>(100);
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        pushed.add(imap.line());
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });

            long accepted;
            try (LineClient smtp = fx.connect(Endpoint.SMTP)) {
                assertThat(smtp.reply()).as("SMTP reply").startsWith("220");
                String ehlo = smtp.smtp("EHLO client.example.org");
                assertThat(ehlo.substring(ehlo.lastIndexOf('\n') + 1)).startsWith("250 ");
                assertThat(smtp.smtp("MAIL FROM:<bob@example.org>")).as("SMTP reply").startsWith("250");
                assertThat(smtp.smtp("RCPT TO:<" + ALICE + ">")).as("SMTP reply").startsWith("250");
                assertThat(smtp.smtp("DATA")).as("SMTP reply").startsWith("354");
                assertThat(smtp.smtp("From: bob@example.org\r\nTo: " + ALICE + "\r\nSubject: via smtp\r\n\r\npush me\r\n.")).as("SMTP reply").startsWith("250");
                accepted = System.nanoTime();
                smtp.sendLine("QUIT");
            }
            String line = pushed.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("untagged EXISTS during IDLE").isEqualTo("* 1 EXISTS");
            System.out.printf("SMTP 250 -> IDLE EXISTS: %.1f ms%n", (System.nanoTime() - accepted) / 1e6);
            imap.send("DONE\r\n");
            String done = pushed.poll(10, TimeUnit.SECONDS);
            while (done != null && done.startsWith("*")) {
                done = pushed.poll(10, TimeUnit.SECONDS);
            }
            assertThat(done).startsWith("i1 OK");
            imap.close();
            reader.join(5000);
        }
    }
}
