package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.dns.TestDnsServer;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.MailStore;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surel and Debian's Postfix in both directions, through real SMTP and real DNS:
 * <ul>
 * <li>Surel (mx.surel.test) on 127.0.0.197, port 25 and submission on free ports; its
 *     {@code queue.resolver} is the loopback DNS server on 127.0.0.196, which gives pf.test
 *     the MX mx.pf.test = 127.0.0.195.</li>
 * <li>Postfix on 127.0.0.195:25 holds the mailbox bob@pf.test and relays everything else to
 *     Surel's port 25 ({@code relayhost}).</li>
 * </ul>
 * Mail enters with swaks, as a client would send it.
 */
class PostfixEndToEndTest {

    private static final String POSTFIX = "127.0.0.195";
    private static final String SUREL = "127.0.0.197";
    private static final String ALICE_PW = "alice secret";

    @TempDir
    static Path dir;
    static TestDnsServer dns;
    static SurelServer surel;
    static PostfixInstance postfix;
    static long alice;
    static long carol;

    @BeforeAll
    static void start() throws Exception {
        requireTool("swaks", "swaks libnet-ssleay-perl");
        dns = new TestDnsServer("127.0.0.196");
        dns.mx("pf.test", 10, "mx.pf.test").a("mx.pf.test", POSTFIX);
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mx.surel.test"
                data_dir = "data"
                [listen]
                smtp = "%1$s:0"
                submission = "%1$s:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                [queue]
                resolver = "%2$s:%3$d"
                command_timeout = "20s"
                greeting_timeout = "20s"
                data_end_timeout = "20s"
                """.formatted(SUREL, dns.address().host(), dns.address().port()));
        surel = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC());
        var d = surel.services().directory();
        d.addDomain("surel.test");
        alice = d.addUser("alice@surel.test", ALICE_PW.toCharArray()).id();
        carol = d.addUser("carol@surel.test", "carol secret".toCharArray()).id();
        int port25 = surel.boundAddresses().get(Endpoint.SMTP).getPort();
        postfix = PostfixInstance.start(dir, POSTFIX, 25, "pf.test", List.of("bob"),
                Map.of("relayhost", "[" + SUREL + "]:" + port25));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postfix != null) postfix.close();
        if (surel != null) surel.close();
        if (dns != null) dns.close();
    }

    @Test
    void postfixDeliversToSurel() throws Exception {
        swaks("--server", POSTFIX, "--port", "25", "--from", "dave@pf.test", "--to", "carol@surel.test",
                "--header", "Subject: from postfix", "--body", "relayed by postfix");
        String got = awaitInbox(carol, m -> m.contains("Subject: from postfix"));
        assertThat(got).contains("relayed by postfix")
                .containsPattern("Received: from [^\\r\\n]*\\r\\n\\s+by postfix\\.pf\\.test \\(Postfix\\)") // Postfix's own hop
                .contains("Return-Path: <dave@pf.test>")
                .contains("Delivered-To: carol@surel.test");
        assertThat(got.indexOf("by mx.surel.test")).as("Surel's Received: is on top of Postfix's")
                .isBetween(0, got.indexOf("by postfix.pf.test"));
    }

    @Test
    void surelsQueueDeliversToPostfixByMx() throws Exception {
        swaks("--server", SUREL, "--port", Integer.toString(surel.boundAddresses().get(Endpoint.SUBMISSION).getPort()),
                "--auth", "PLAIN", "--auth-user", "alice@surel.test", "--auth-password", ALICE_PW,
                "--from", "alice@surel.test", "--to", "bob@pf.test", "--header", "Subject: to postfix", "--body", "from surel");
        Path file = postfix.awaitMailbox("bob", 1, Duration.ofSeconds(20)).getFirst();
        String got = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(got).contains("Subject: to postfix").contains("from surel").contains("Return-Path: <alice@surel.test>")
                .containsPattern("Received: from mx\\.surel\\.test \\(.*\\[127\\.0\\.0\\.1\\]\\)\\s+by postfix\\.pf\\.test");
    }

    @Test
    void aPermanentFailureAtPostfixComesBackAsADsnInTheSendersInbox() throws Exception {
        swaks("--server", SUREL, "--port", Integer.toString(surel.boundAddresses().get(Endpoint.SUBMISSION).getPort()),
                "--auth", "PLAIN", "--auth-user", "alice@surel.test", "--auth-password", ALICE_PW,
                "--from", "alice@surel.test", "--to", "nobody@pf.test", "--header", "Subject: to nobody", "--body", "lost");
        String dsn = awaitInbox(alice, m -> m.contains("nobody@pf.test"));
        assertThat(dsn).containsPattern("(?i)Content-Type: multipart/report;\\s*report-type=\"?delivery-status")
                .containsPattern("(?i)Final-Recipient: rfc822; ?nobody@pf.test")
                .containsPattern("(?i)Action: failed")
                .containsPattern("(?i)Status: 5\\.1\\.1")
                .contains("User unknown in virtual mailbox table")
                .contains("Subject: to nobody");
    }

    private static void swaks(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("swaks", "--timeout", "30"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static void requireTool(String tool, String pkg) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return;
        }
        throw new AssertionError(tool + " is not installed: apt-get install -y " + pkg);
    }

    /** Polls (up to 20 s) the account's INBOX for a message matching {@code test}. */
    private static String awaitInbox(long account, java.util.function.Predicate<String> test) throws Exception {
        MailStore store = surel.services().store();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            long box = store.mailbox(account, "INBOX").id();
            for (MessageMeta m : store.messages(account, box, UidRange.ALL)) {
                try (SizedStream s = store.open(account, box, m.uid())) {
                    String text = new String(s.in().readAllBytes(), StandardCharsets.UTF_8);
                    if (test.test(text)) return text;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching message in INBOX of account " + account + "\nPostfix log:\n" + postfix.log());
            }
            Thread.sleep(50);
        }
    }
}
