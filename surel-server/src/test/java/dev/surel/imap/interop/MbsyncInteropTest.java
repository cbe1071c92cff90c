package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.UidRange;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mbsync} (isync 1.4) syncing a 2,000-message INBOX both ways against Surel: a first full
 * pull; then new mail on the server while flags are changed and messages deleted in the local
 * Maildir, and a second sync that carries both directions; then a third sync that changes
 * nothing. Across all syncs no message body is fetched twice: every whole-body fetch
 * ({@code BODY[]} / {@code BODY.PEEK[]} / {@code RFC822}) in the server's protocol log
 * ({@code dev.surel.imap.protocol}, DEBUG) names UIDs not fetched before.
 */
class MbsyncInteropTest {
    static final String PASSWORD = "correct horse battery";

    static final int MESSAGES = 2000;
    static final Pattern BODY_FETCH = Pattern.compile(
            "C: \\S+ UID FETCH ([0-9:,]+) \\(?[^)]*(?:BODY(?:\\.PEEK)?\\[\\]|RFC822(?:[ )]|$))", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    static final Pattern SEQ_BODY_FETCH = Pattern.compile("C: \\S+ FETCH .*(?:BODY(?:\\.PEEK)?\\[\\]|RFC822(?:[ )]|$))",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    @TempDir Path dir;

    @Test
    void twoThousandMessagesBothWays() throws Exception {
        Tools.require("mbsync", "isync");
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).start(dir); ProtocolLogCapture protocol = new ProtocolLogCapture()) {
            long inbox = fx.mailbox(fx.alice(), "INBOX");
            long t0 = System.nanoTime();
            for (int batch = 0; batch < MESSAGES / 200; batch++) {
                List<NewMessage> msgs = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    msgs.add(message(batch * 200 + i));
                }
                fx.store().appendAll(fx.alice(), inbox, msgs);
            }
            System.out.printf("appendAll of %d messages: %.1f s%n", MESSAGES, (System.nanoTime() - t0) / 1e9);
            Path mail = dir.resolve("mail");
            Files.createDirectories(mail);
            Path rc = dir.resolve("mbsyncrc");
            Files.writeString(rc, """
                    FSync no

                    IMAPAccount surel
                    Host 127.0.0.1
                    Port %d
                    User %s
                    Pass "%s"
                    SSLType None
                    AuthMechs LOGIN

                    IMAPStore remote
                    Account surel

                    MaildirStore local
                    Path %s/
                    Inbox %s/INBOX
                    SubFolders Verbatim

                    Channel sync
                    Far :remote:
                    Near :local:
                    Patterns INBOX
                    Create Both
                    Expunge Both
                    SyncState *
                    Sync All
                    """.formatted(fx.port(Endpoint.IMAP), ALICE, PASSWORD, mail, mail));
            Map<Long, Integer> bodyFetches = new HashMap<>();

            // 1: full pull
            sync(rc, protocol, bodyFetches);
            List<Path> local = maildir(mail.resolve("INBOX"));
            assertThat(local).hasSize(MESSAGES);
            assertThat(bodyFetches).hasSize(MESSAGES);

            // 2: new mail on the server; locally 10 messages flagged + seen and 7 deleted
            for (int i = 0; i < 5; i++) {
                fx.deliver(fx.alice(), "INBOX", "Subject: new " + i + "\nMessage-ID: <new" + i + "@example.test>\n\nnew body " + i + "\n");
            }
            List<String> flaggedIds = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Path f = local.get(i * 100);
                flaggedIds.add(messageId(f));
                String name = f.getFileName().toString();
                String base = name.contains(":2,") ? name.substring(0, name.indexOf(":2,")) : name;
                Files.move(f, mail.resolve("INBOX/cur").resolve(base + ":2,FS"));
            }
            List<String> deletedIds = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Path f = local.get(i * 100 + 50);
                deletedIds.add(messageId(f));
                Files.delete(f);
            }
            sync(rc, protocol, bodyFetches);

            List<MessageMeta> server = fx.store().messages(fx.alice(), inbox, new UidRange(1, Long.MAX_VALUE));
            assertThat(server).hasSize(MESSAGES + 5 - 7);
            Map<String, MessageMeta> byId = new HashMap<>();
            for (MessageMeta m : server) {
                byId.put(serverMessageId(fx, inbox, m.uid()), m);
            }
            for (String id : flaggedIds) {
                assertThat(byId.get(id).flags().has(Flag.FLAGGED)).as(id).isTrue();
                assertThat(byId.get(id).flags().has(Flag.SEEN)).as(id).isTrue();
            }
            for (String id : deletedIds) {
                assertThat(byId).doesNotContainKey(id);
            }
            assertThat(maildir(mail.resolve("INBOX"))).hasSize(MESSAGES + 5 - 7);

            // 3: nothing changed: nothing fetched
            int before = bodyFetches.size();
            sync(rc, protocol, bodyFetches);
            assertThat(bodyFetches).hasSize(before).hasSize(MESSAGES + 5);
            assertThat(bodyFetches.values()).as("no body fetched twice").allMatch(n -> n == 1);
        }
    }

    private static NewMessage message(int i) {
        String m = "From: sender" + (i % 17) + "@example.org\r\nTo: alice@example.test\r\nSubject: message " + i
                + "\r\nMessage-ID: <m" + i + "@example.test>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n"
                + ("body line of message " + i + "\r\n").repeat(1 + i % 5);
        return NewMessage.of(new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Runs mbsync and counts, per UID, the bodies the server's protocol log shows it fetched. */
    private void sync(Path rc, ProtocolLogCapture protocol, Map<Long, Integer> bodyFetches) throws Exception {
        long t0 = System.nanoTime();
        Tools.Result r = Tools.run(List.of("mbsync", "-c", rc.toString(), "-a"), Map.of("HOME", dir.toString()), null, dir, 300);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.exit()).as(tail(r)).isZero();
        List<String> log = protocol.drain();
        assertThat(log).as("the protocol log is on").isNotEmpty();
        assertThat(log).noneMatch(l -> SEQ_BODY_FETCH.matcher(l).find());
        Matcher m = BODY_FETCH.matcher(String.join("\n", log));
        int fetchCommands = 0;
        while (m.find()) {
            fetchCommands++;
            for (String part : m.group(1).split(",")) {
                String[] ends = part.split(":");
                long a = Long.parseLong(ends[0]);
                long b = ends.length > 1 ? Long.parseLong(ends[1]) : a;
                for (long u = Math.min(a, b); u <= Math.max(a, b); u++) {
                    bodyFetches.merge(u, 1, Integer::sum);
                }
            }
        }
        System.out.printf("mbsync: %.1f s, %d commands in the protocol log, %d whole-body fetch commands%n",
                seconds, log.size(), fetchCommands);
    }

    private static String tail(Tools.Result r) {
        String all = r.toString();
        return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
    }

    private static List<Path> maildir(Path box) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path d = box.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    private static String messageId(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                return line.substring(11).strip();
            }
        }
        throw new IllegalStateException("no Message-ID in " + file);
    }

    private static String serverMessageId(TestServer fx, long inbox, long uid) {
        return fx.store().structure(fx.alice(), inbox, uid).envelope().messageId();
    }
}
