package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Python's smtplib (python3 as a process): a plain send on 25, STARTTLS + AUTH on 587, and the error path. */
class PythonSmtplibTest {
    @TempDir Path dir;

    @RegisterExtension
    final TestServer f = SmtpClient.server().perTest();

    @BeforeEach
    void start() throws Exception {
        Tools.require("python3", "python3");
    }

    private Tools.Run python(String script, Endpoint e) throws Exception {
        return Tools.run(dir, List.of("python3", "-c", script, Integer.toString(f.port(e))));
    }

    @Test
    void plainSendOnPort25() throws Exception {
        Tools.Run r = python("""
                import smtplib, sys
                from email.message import EmailMessage
                m = EmailMessage()
                m['From'] = 'someone@remote.example'
                m['To'] = 'alice@example.test'
                m['Subject'] = 'from smtplib'
                m.set_content('hello from python\\n.dot line\\n')
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), 'client.example.org', timeout=30) as s:
                    print(s.send_message(m))
                """, Endpoint.SMTP);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output().strip()).isEqualTo("{}");
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).contains("Subject: from smtplib").contains("\r\n.dot line\r\n");
    }

    @Test
    void startTlsAndAuthOnSubmission() throws Exception {
        Tools.Run r = python("""
                import smtplib, ssl, sys
                ctx = ssl.create_default_context()
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), 'client.example.org', timeout=30) as s:
                    s.starttls(context=ctx)
                    s.ehlo('client.example.org')
                    print('auth', s.login('bob@example.test', '%s'))
                    print(s.sendmail('bob+out@example.test', ['alice@example.test'], 'Subject: tls auth\\r\\n\\r\\nhi\\r\\n'))
                """.formatted(SmtpClient.BOB_PW), Endpoint.SUBMISSION);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).contains("auth (235, b'2.7.0 Authentication successful')").contains("{}");
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).contains("Subject: tls auth").contains("with ESMTPSA id")
                .contains("Message-ID: <").contains("Date: ");
    }

    @Test
    void errorPath() throws Exception {
        Tools.Run r = python("""
                import smtplib, sys
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), 'client.example.org', timeout=30) as s:
                    try:
                        s.sendmail('a@remote.example', ['nobody@example.test', 'x@elsewhere.example'], 'Subject: x\\r\\n\\r\\nx\\r\\n')
                    except smtplib.SMTPRecipientsRefused as e:
                        for rcpt, (code, msg) in sorted(e.recipients.items()):
                            print(rcpt, code, msg.decode())
                    try:
                        s.sendmail('a@remote.example', ['alice@example.test'], 'Subject: x\\r\\n\\r\\nbare\\nlf\\r\\n')
                    except smtplib.SMTPDataError as e:
                        print('data', e.smtp_code, e.smtp_error.decode())
                    print('noop', s.noop()[0])
                """, Endpoint.SMTP);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).contains("nobody@example.test 550 5.1.1").contains("x@elsewhere.example 554 5.7.1 Relay access denied")
                .contains("noop 250");
        // smtplib turns a bare LF into CRLF itself, so that message is accepted normally
        assertThat(r.output()).doesNotContain("Traceback");
    }
}
