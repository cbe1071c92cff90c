package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.admin.AdminClient;
import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.dns.TestDnsServer;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * The whole outbound path against real peers: a user submits on 587 with AUTH (swaks); Surel
 * (mx.surel.test, 127.0.0.163) signs with the keys {@code surel dkim generate} made, finds the
 * peer by MX through the loopback DNS server (127.0.0.162), which also publishes the TXT records
 * exactly as {@code generate} printed them; Debian's Postfix (127.0.0.161:25) receives the mail
 * with Debian's OpenDKIM 2.11 as its milter in verify mode, which gets the same records from a
 * {@code TestPublicKeys} file (see {@link #testPublicKey}), and delivers it to a Maildir with
 * OpenDKIM's Authentication-Results. Both signatures (rsa-sha256 and ed25519-sha256) must pass
 * there.
 */
class PostfixDkimMilterTest {

    private static final String POSTFIX = "127.0.0.161";
    private static final String DNS = "127.0.0.162";
    private static final String SUREL = "127.0.0.163";
    private static final String ALICE_PW = "alice secret";

    @TempDir static Path dir;
    static TestDnsServer dns;
    static SurelServer surel;
    static PostfixInstance postfix;
    static Process opendkim;
    static Path opendkimLog;
    static Path KEYS;

    @BeforeAll
    static void start() throws Exception {
        for (String tool : List.of("/usr/bin/swaks", "/usr/sbin/opendkim", "/usr/sbin/postfix")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new AssertionError(tool + " is not installed: apt-get install -y swaks opendkim opendkim-tools postfix");
            }
        }
        dns = new TestDnsServer(DNS);
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
                """.formatted(SUREL, dns.address().host(), dns.address().port()));
        surel = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC());
        surel.services().directory().addDomain("surel.test");
        surel.services().directory().addUser("alice@surel.test", ALICE_PW.toCharArray());

        int milterPort = freePort();
        KEYS = Files.createFile(dir.resolve("opendkim-keys.txt"));
        opendkimLog = dir.resolve("opendkim.log");
        Path conf = Files.writeString(dir.resolve("opendkim.conf"), """
                Mode v
                Syslog no
                Socket inet:%d@%s
                AuthservID postfix.pf.test
                TestPublicKeys %s
                """.formatted(milterPort, POSTFIX, KEYS));
        opendkim = new ProcessBuilder("/usr/sbin/opendkim", "-f", "-v", "-x", conf.toString()).redirectErrorStream(true)
                .redirectOutput(opendkimLog.toFile()).start();
        awaitListening(POSTFIX, milterPort);
        postfix = PostfixInstance.start(dir, POSTFIX, 25, "pf.test", List.of("bob"),
                Map.of("smtpd_milters", "inet:" + POSTFIX + ":" + milterPort, "milter_default_action", "tempfail"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postfix != null) postfix.close();
        if (opendkim != null) {
            opendkim.destroy();
            opendkim.waitFor(10, TimeUnit.SECONDS);
        }
        if (surel != null) surel.close();
        if (dns != null) dns.close();
    }

    @Test
    void postfixWithOpenDkimSeesBothOfSurelsSignaturesPass() throws Exception {
        for (String[] args : List.of(new String[] {"dkim", "generate", "surel.test"},
                new String[] {"dkim", "generate", "surel.test", "--algorithm", "ed25519"})) {
            String record = admin(args);
            dns.zone(record); // the line generate printed, pasted into the zone as an administrator would
            Files.writeString(KEYS, testPublicKey(record), java.nio.file.StandardOpenOption.APPEND);
        }
        swaks("--server", SUREL, "--port", Integer.toString(surel.boundAddresses().get(Endpoint.SUBMISSION).getPort()),
                "--auth", "PLAIN", "--auth-user", "alice@surel.test", "--auth-password", ALICE_PW,
                "--from", "alice@surel.test", "--to", "bob@pf.test", "--header", "Subject: signed for postfix",
                "--body", "Hello Bob,\n\nsigned twice.\n");
        Path file = postfix.awaitMailbox("bob", 1, Duration.ofSeconds(30)).getFirst();
        String got = Files.readString(file, StandardCharsets.ISO_8859_1);
        String why = got + "\n--- opendkim\n" + Files.readString(opendkimLog) + "\n--- DNS TXT queries for the keys: "
                + surel.services().dkim().list("surel.test").stream().map(k -> k.recordName() + " " + dns.queries(k.recordName(), "TXT")).toList()
                + "\n--- postfix\n" + postfix.log();
        assertThat(got).as(why).contains("Subject: signed for postfix")
                .containsPattern("Authentication-Results: postfix\\.pf\\.test;\\s+dkim=pass \\(2048-bit key\\) header\\.d=surel\\.test "
                        + "header\\.i=@surel\\.test header\\.a=rsa-sha256 header\\.s=rsa\\d{8}")
                .containsPattern("dkim=pass header\\.d=surel\\.test header\\.i=@surel\\.test header\\.a=ed25519-sha256 header\\.s=ed\\d{8}")
                .doesNotContain("dkim=fail");
    }

    /**
     * The TestPublicKeys line ("name record") for a zone line {@code generate} printed: the name
     * without its final dot, the TXT strings joined (RFC 6376 §3.6.2.2). OpenDKIM reads the keys
     * from this file: its {@code Nameservers} option pointed at the loopback DNS server (with its
     * port, {@code addr@port}) reached it in test mode ({@code opendkim -t}) but not as a running
     * milter, which answered "key not found in DNS" without a query arriving.
     */
    private static String testPublicKey(String zoneLine) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\S+)\\. TXT ((?:\"[^\"]*\" ?)+)\\n?$").matcher(zoneLine);
        assertThat(m.matches()).as(zoneLine).isTrue();
        String joined = String.join("", java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(m.group(2)).results()
                .map(r -> r.group(1)).toList());
        return m.group(1) + " " + joined + "\n";
    }

    private static String admin(String... args) throws Exception {
        Path data = surel.config().dataDir();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminClient.run(AdminClient.connect(data).orElseThrow(), data, List.of(args), null, out, err);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void swaks(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("swaks", "--timeout", "30"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(POSTFIX, 0));
            return s.getLocalPort();
        }
    }

    private static void awaitListening(String host, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                if (!opendkim.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("OpenDKIM did not start on " + host + ":" + port + ":\n" + Files.readString(opendkimLog));
                }
                Thread.sleep(100);
            }
        }
    }
}
