package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.MailStore;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import dev.surel.time.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Greylisting against a real sending MTA (RFC 6647): Debian's Postfix on 127.0.0.170:25 relays to
 * Surel's port 25 (127.0.0.171, {@code [greylist]} on, loopback not exempt). Postfix's first
 * attempt gets 451 4.7.1 and Postfix keeps the message deferred (its log says so); Surel's clock
 * ({@link MutableClock}) moves past the delay, Postfix retries and the message is delivered once.
 */
class PostfixGreylistTest {
    private static final String POSTFIX = "127.0.0.170";
    private static final String SUREL = "127.0.0.171";

    @TempDir
    Path dir;
    SurelServer surel;
    PostfixInstance postfix;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    @AfterEach
    void stop() throws Exception {
        if (postfix != null) postfix.close();
        if (surel != null) surel.close();
    }

    @Test
    void postfixIsGreylistedRetriesAfterTheDelayAndTheMessageIsDeliveredOnce() throws Exception {
        requireTool("swaks", "swaks libnet-ssleay-perl");
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mx.surel.test"
                data_dir = "data"
                [listen]
                smtp = "%s:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                [filter]
                enabled = false
                [greylist]
                enabled = true
                exempt = []
                """.formatted(SUREL));
        surel = Main.startServer(ConfigLoader.load(cfg), clock);
        surel.services().directory().addDomain("surel.test");
        long carol = surel.services().directory().addUser("carol@surel.test", "carol secret".toCharArray()).id();
        int port25 = surel.boundAddresses().get(Endpoint.SMTP).getPort();
        postfix = PostfixInstance.start(dir, POSTFIX, 25, "pf.test", List.of("bob"), Map.of("relayhost", "[" + SUREL + "]:" + port25));

        swaks("--server", POSTFIX, "--port", "25", "--from", "dave@pf.test", "--to", "carol@surel.test",
                "--header", "Subject: greylisted once", "--body", "relayed by postfix");
        awaitLog("status=deferred", "451 4.7.1 Greylisted");
        assertThat(inbox(carol)).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        postfix.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inbox(carol).isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not delivered after the delay\nPostfix log:\n" + postfix.log());
            Thread.sleep(100);
        }
        awaitLog("status=sent");
        Thread.sleep(500); // a second copy would come now
        List<String> got = inbox(carol);
        assertThat(got).hasSize(1);
        assertThat(got.getFirst()).contains("Subject: greylisted once").contains("relayed by postfix");
    }

    private void awaitLog(String... parts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String log = postfix.log();
            if (log.lines().anyMatch(l -> java.util.Arrays.stream(parts).allMatch(l::contains))) return;
            if (System.nanoTime() > deadline) throw new AssertionError("no Postfix log line with " + List.of(parts) + ":\n" + log);
            Thread.sleep(100);
        }
    }

    private List<String> inbox(long account) throws Exception {
        MailStore store = surel.services().store();
        long box = store.mailbox(account, "INBOX").id();
        List<String> out = new ArrayList<>();
        for (MessageMeta m : store.messages(account, box, UidRange.ALL)) {
            try (SizedStream s = store.open(account, box, m.uid())) {
                out.add(new String(s.in().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
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
}
