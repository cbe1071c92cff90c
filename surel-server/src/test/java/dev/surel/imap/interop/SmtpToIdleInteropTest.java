package dev.surel.imap.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    @TempDir Path dir;

    @Test
    void smtpDeliveryIsPushedToAnIdleSession() throws Exception {
        try (ImapFixture fx = ImapFixture.start(dir, "smtp = \"127.0.0.1:0\"\n");
                RawImap imap = new RawImap(fx.port())) {
            assertThat(imap.line()).startsWith("* OK");
            assertThat(imap.command("LOGIN \"" + ImapFixture.USER + "\" \"" + ImapFixture.PASSWORD + "\"").getLast()).contains(" OK");
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
            try (Socket smtp = new Socket("127.0.0.1", fx.port("smtp"))) {
                smtp.setSoTimeout(30_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = smtp.getOutputStream();
                expect(in, "220");
                say(out, "EHLO client.example.org");
                String l;
                do {
                    l = in.readLine();
                } while (l != null && l.startsWith("250-"));
                assertThat(l).startsWith("250 ");
                say(out, "MAIL FROM:<bob@example.org>");
                expect(in, "250");
                say(out, "RCPT TO:<" + ImapFixture.USER + ">");
                expect(in, "250");
                say(out, "DATA");
                expect(in, "354");
                say(out, "From: bob@example.org\r\nTo: " + ImapFixture.USER + "\r\nSubject: via smtp\r\n\r\npush me\r\n.");
                expect(in, "250");
                accepted = System.nanoTime();
                say(out, "QUIT");
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

    private static void say(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws Exception {
        String l = in.readLine();
        assertThat(l).as("SMTP reply").startsWith(code);
    }
}
