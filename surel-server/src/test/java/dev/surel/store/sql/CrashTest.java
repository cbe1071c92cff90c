package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.CheckReport;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.StoreSettings;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durability under {@code kill -9}: a child JVM ({@link CrashChild}) appends messages from
 * several threads and acknowledges each on stdout; it is killed with SIGKILL at random moments
 * ({@code -Dsurel.crash.rounds}, default 50; seed logged, {@code -Dsurel.crash.seed} replays)
 * and restarted on the same data dir. Afterwards every acknowledged message must be present
 * with its exact bytes and the store checker must find nothing wrong.
 */
class CrashTest {
    private static final Logger log = LoggerFactory.getLogger(CrashTest.class);
    private static final Pattern ACK = Pattern.compile("ACK (\\S+) (\\d+) ([0-9a-f]{64})");

    @TempDir Path dir;

    record Ack(String mailbox, long uid, String hash) { }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyAcknowledgedAppendSurvivesSigkill() throws Exception {
        long seed = Long.getLong("surel.crash.seed", new Random().nextLong());
        int rounds = Integer.getInteger("surel.crash.rounds", 50);
        log.info("crash test seed {} (replay with -Dsurel.crash.seed={}), {} rounds", seed, seed, rounds);
        System.out.println("crash test seed " + seed);
        Random rnd = new Random(seed);
        Path data = dir.resolve("data");
        List<Ack> acks = new ArrayList<>();
        int killedWithAcks = 0;
        for (int round = 0; round < rounds; round++) {
            ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(CrashChild.class, data.toString(), Long.toString(rnd.nextLong())));
            pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.log").toFile()));
            Process p = pb.start();
            CountDownLatch ready = new CountDownLatch(1);
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.equals("READY")) ready.countDown();
                        else lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the child died
                }
            });
            boolean started = ready.await(90, TimeUnit.SECONDS);
            if (!started) {
                p.destroyForcibly();
                throw new AssertionError("child did not start in round " + round + "; see " + dir.resolve("child-stderr.log"));
            }
            Thread.sleep(100 + rnd.nextInt(800));
            assertThat(p.isAlive()).as("child alive before the kill in round %d (stderr in %s)", round, dir).isTrue();
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
            int before = acks.size();
            synchronized (lines) {
                for (String l : lines) {
                    Matcher m = ACK.matcher(l);
                    if (m.matches()) acks.add(new Ack(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
                }
            }
            if (acks.size() > before) killedWithAcks++;
        }
        log.info("crash test: {} acknowledged appends over {} kills", acks.size(), rounds);
        assertThat(killedWithAcks).as("rounds in which the child acknowledged something").isGreaterThan(rounds / 2);

        try (SqlMailStore store = SqlMailStore.open(data, StoreSettings.defaults().withGcInterval(Duration.ZERO), Clock.systemUTC())) {
            long account = TestAccounts.find(store, CrashChild.USER);
            Map<String, Long> boxes = new HashMap<>();
            for (String name : CrashChild.MAILBOXES) boxes.put(name, store.mailbox(account, name).id());
            Map<String, List<Ack>> byBox = new HashMap<>();
            for (Ack a : acks) byBox.computeIfAbsent(a.mailbox(), k -> new ArrayList<>()).add(a);
            for (Map.Entry<String, List<Ack>> e : byBox.entrySet()) {
                long box = boxes.get(e.getKey());
                List<Long> uids = e.getValue().stream().map(Ack::uid).toList();
                assertThat(uids).as("acknowledged uids in %s", e.getKey()).doesNotHaveDuplicates();
                Map<Long, MessageMeta> found = new HashMap<>();
                for (MessageMeta m : store.fetch(account, box, uids)) found.put(m.uid(), m);
                for (Ack a : e.getValue()) {
                    MessageMeta m = found.get(a.uid());
                    assertThat(m).as("acknowledged %s", a).isNotNull();
                    assertThat(m.blobHash()).as("hash of %s", a).isEqualTo(a.hash());
                    assertThat(sha256(store.open(account, box, a.uid()))).as("bytes of %s", a).isEqualTo(a.hash());
                }
            }
            CheckReport report = store.check();
            assertThat(report.problems()).isEmpty();
            assertThat(report.messages()).isGreaterThanOrEqualTo(acks.size());
        }
    }

    private static String sha256(SizedStream s) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(s.in(), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
