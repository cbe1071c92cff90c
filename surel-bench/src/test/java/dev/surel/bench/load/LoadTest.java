package dev.surel.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.config.ConfigLoader;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.MailStore;
import dev.surel.store.NewMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each workload at a tiny size against an in-process Surel (IMAP, IMAPS, POP3, SMTP on loopback,
 * users user1..user3@bench.test with 20 messages each): the RESULT lines are there, well formed,
 * with the right counts and zero errors; wrong expectations and impossible sizes are failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadTest {
    static final int MESSAGES = 20;

    Path dir;

    SurelServer server;
    MailStore store;
    final long[] accounts = new long[3];

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        server = BenchServer.start(dir, "smtp", "imap", "imaps", "pop3");
        store = server.services().store();
        for (int u = 0; u < accounts.length; u++) {
            accounts[u] = server.services().directory().addUser("user" + (u + 1) + "@bench.test", "secret".toCharArray()).id();
            List<NewMessage> batch = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String m = "From: a@example.org\r\nTo: user" + (u + 1) + "@bench.test\r\nSubject: message " + i
                        + "\r\nMessage-ID: <" + u + "." + i + "@example.org>\r\n\r\n" + ".dot-stuffed line\r\n" + "body\r\n".repeat(i + 1);
                batch.add(NewMessage.of(new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII))));
            }
            store.appendAll(accounts[u], store.mailbox(accounts[u], "INBOX").id(), batch);
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    int port(Endpoint e) {
        return server.boundAddresses().get(e).getPort();
    }

    record Outcome(int exit, List<Map<String, String>> results, String err) {
        List<Map<String, String>> measure(String name) {
            return results.stream().filter(r -> r.get("measure").equals(name)).toList();
        }
    }

    static Outcome load(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Load.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<Map<String, String>> results = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) continue;
            assertThat(line).as("stdout holds only RESULT lines").matches("RESULT [a-z0-9_]+ value=-?[0-9.]+ unit=\\S+( [a-z0-9_]+=-?[0-9.]+)*");
            String[] parts = line.split(" ");
            Map<String, String> r = new LinkedHashMap<>();
            r.put("measure", parts[1]);
            for (int i = 2; i < parts.length; i++) r.put(parts[i].substring(0, parts[i].indexOf('=')), parts[i].substring(parts[i].indexOf('=') + 1));
            results.add(r);
        }
        return new Outcome(exit, results, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fetchAllFetchesEveryEnvelopeOncePerRun() {
        Outcome o = load("imap-fetch-all", "--port", "" + port(Endpoint.IMAP), "--user", "user1@bench.test", "--password", "secret",
                "--expect", "20", "--repeat", "2", "--warmup-seconds", "1");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.measure("imap_fetch_all")).hasSize(2).allSatisfy(r -> {
            assertThat(r).containsEntry("unit", "ms").containsEntry("ops", "20").containsEntry("errors", "0");
            assertThat(Double.parseDouble(r.get("value"))).isPositive();
        });
    }

    @Test
    void fetchAllOverImplicitTlsAndStarttls() {
        Outcome tls = load("imap-fetch-all", "--port", "" + port(Endpoint.IMAPS), "--tls", "--user", "user2@bench.test", "--password", "secret",
                "--expect", "20");
        assertThat(tls.exit()).as(tls.err()).isZero();
        assertThat(tls.measure("imap_fetch_all")).singleElement().satisfies(r -> assertThat(r).containsEntry("errors", "0"));
        Outcome starttls = load("imap-fetch-all", "--port", "" + port(Endpoint.IMAP), "--starttls", "--user", "user2@bench.test",
                "--password", "secret", "--expect", "20");
        assertThat(starttls.exit()).as(starttls.err()).isZero();
    }

    @Test
    void aWrongMessageCountIsAnErrorAndExitsOne() {
        Outcome o = load("imap-fetch-all", "--port", "" + port(Endpoint.IMAP), "--user", "user1@bench.test", "--password", "secret",
                "--expect", "21");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.measure("imap_fetch_all")).singleElement().satisfies(r -> assertThat(r).containsEntry("errors", "1"));
        assertThat(o.err()).contains("expected 21 messages, fetched 20");
    }

    @Test
    void aWrongPasswordIsAnErrorAndExitsOne() {
        Outcome o = load("pop3-download", "--port", "" + port(Endpoint.POP3), "--user", "user1@bench.test", "--password", "wrong");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.measure("pop3_download")).singleElement().satisfies(r -> assertThat(r).containsEntry("value", "-1").containsEntry("errors", "1"));
    }

    @Test
    void pop3DownloadRetrievesEveryMessageWithTheListedSize() {
        Outcome o = load("pop3-download", "--port", "" + port(Endpoint.POP3), "--users", "user%d@bench.test", "--user-count", "3",
                "--password", "secret", "--expect", "20", "--repeat", "2", "--window", "7");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.measure("pop3_download")).hasSize(2).allSatisfy(r ->
                assertThat(r).containsEntry("unit", "ms").containsEntry("ops", "20").containsEntry("errors", "0"));
        assertThat(o.measure("pop3_login")).hasSize(2);
        assertThat(o.measure("pop3_list_uidl")).hasSize(2);
        Outcome plain = load("pop3-download", "--port", "" + port(Endpoint.POP3), "--user", "user3@bench.test", "--auth-plain",
                "--password", "secret", "--expect", "20", "--window", "1");
        assertThat(plain.exit()).as(plain.err()).isZero();
    }

    @Test
    void mixedRunsEveryCommandWithoutErrorsAndKeepsTheMailboxSize() {
        Outcome o = load("imap-mixed", "--port", "" + port(Endpoint.IMAP), "--users", "user%d@bench.test", "--user-count", "2",
                "--password", "secret", "--clients", "3", "--duration", "3", "--rounds", "2", "--sources", "127.0.0.2-127.0.0.3");
        assertThat(o.exit()).as(o.err()).isZero();
        Map<String, String> total = o.measure("imap_mixed_ops").getFirst();
        assertThat(total).containsEntry("unit", "ops/s").containsEntry("errors", "0").containsKeys("p50_ms", "p99_ms");
        assertThat(Long.parseLong(total.get("ops"))).isGreaterThan(10);
        long sum = 0;
        for (ImapMixed.Op op : ImapMixed.Op.values()) {
            Map<String, String> r = o.measure("imap_mixed_" + op.name().toLowerCase(java.util.Locale.ROOT)).getFirst();
            assertThat(r).containsEntry("errors", "0");
            assertThat(Long.parseLong(r.get("ops"))).as(op.name()).isPositive();
            sum += Long.parseLong(r.get("ops"));
        }
        assertThat(sum).isEqualTo(Long.parseLong(total.get("ops")));
        for (int u = 0; u < 2; u++) {
            assertThat(store.mailbox(accounts[u], "INBOX").messages()).as("every APPEND was expunged again").isEqualTo(MESSAGES);
        }
    }

    @Test
    void idleConnectionsSeeEveryDeliveryPushed() throws Exception {
        Path ready = dir.resolve("ready");
        Outcome o = load("imap-idle", "--port", "" + port(Endpoint.IMAP), "--users", "user%d@bench.test", "--user-count", "3",
                "--password", "secret", "--connections", "20", "--deliveries", "3", "--deliver", "smtp",
                "--deliver-port", "" + port(Endpoint.SMTP), "--sources", "127.0.0.2-127.0.0.5", "--ready-file", ready.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.measure("imap_idle_connections")).singleElement().satisfies(r ->
                assertThat(r).containsEntry("value", "20").containsEntry("unit", "connections").containsEntry("errors", "0"));
        assertThat(o.measure("imap_idle_setup")).singleElement().satisfies(r -> assertThat(r).containsEntry("unit", "ms").containsEntry("ops", "20"));
        Map<String, String> push = o.measure("imap_idle_push").getFirst();
        assertThat(push).containsEntry("unit", "ms").containsEntry("errors", "0");
        // users 1 and 2 have 7 connections each, user 3 has 6: three deliveries give 18 to 21 samples
        assertThat(Long.parseLong(push.get("ops"))).isBetween(18L, 21L);
        assertThat(Files.readString(ready)).isEqualTo("READY\n");
    }

    @Test
    void readyGoesToStderrWithoutAReadyFile() {
        Outcome o = load("imap-idle", "--port", "" + port(Endpoint.IMAP), "--user", "user3@bench.test",
                "--password", "secret", "--connections", "2", "--deliveries", "0");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.err().lines()).contains("READY");
        assertThat(o.measure("imap_idle_push").getFirst()).containsEntry("ops", "0");
    }

    @Test
    void moreConnectionsThanOpenFilesIsRefusedWithExitTwo() {
        Outcome o = load("imap-idle", "--port", "" + port(Endpoint.IMAP), "--user", "user1@bench.test", "--password", "secret",
                "--connections", "50000000");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("ulimit -n");
        assertThat(o.results()).isEmpty();
    }

    @Test
    void storeAppendPutsEveryFileIntoEachUsersMailbox(@TempDir Path other) throws Exception {
        Path cfg = other.resolve("surel.toml");
        Files.writeString(cfg, "data_dir = \"data\"\n[auth]\nargon2_memory_kib = 64\nargon2_iterations = 1\n");
        try (dev.surel.server.Services s = dev.surel.server.Services.openForCli(ConfigLoader.load(cfg))) {
            s.directory().addDomain("bench.test");
            s.directory().addUser("user1@bench.test", "x".toCharArray());
            s.directory().addUser("user2@bench.test", "x".toCharArray());
        }
        Path msgs = Files.createDirectories(other.resolve("msgs"));
        for (int i = 0; i < 7; i++) Files.writeString(msgs.resolve(i + ".eml"), "Subject: " + i + "\n\nbody\n");
        Outcome o = load("store-append", "--config", cfg.toString(), "--dir", msgs.toString(), "--users", "user%d@bench.test",
                "--user-count", "2", "--batch", "3");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.measure("store_append")).singleElement().satisfies(r -> assertThat(r).containsEntry("ops", "14").containsEntry("errors", "0"));
        try (dev.surel.server.Services s = dev.surel.server.Services.openForCli(ConfigLoader.load(cfg))) {
            for (String u : List.of("user1@bench.test", "user2@bench.test")) {
                long id = s.directory().findUser(u).orElseThrow().id();
                assertThat(s.store().mailbox(id, "INBOX").messages()).isEqualTo(7);
            }
        }
        assertThat(load("store-append", "--config", cfg.toString(), "--dir", msgs.toString(), "--user", "nobody@bench.test").exit()).isEqualTo(2);
    }

    @Test
    void usageProblemsExitTwo() {
        assertThat(load("imap-mixed", "--port", "1", "--password", "x").exit()).isEqualTo(2); // neither --user nor --users
        assertThat(load("no-such-workload").exit()).isEqualTo(2);
        assertThat(load("imap-fetch-all", "--user", "u").exit()).isEqualTo(2); // no --password
    }
}
