package dev.surel.testkit;

import dev.surel.accounts.Directory;
import dev.surel.queue.SqlMailQueue;
import dev.surel.server.Services;
import dev.surel.store.Flag;
import dev.surel.store.MailStore;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A test's data directory: its services, users and mailboxes, with helpers that deliver mail
 * straight into the store (as local delivery or {@code surel deliver} would) and read it back.
 * A {@link TestServer} serves it; a {@link TestStore} is the same without a server.
 */
public abstract sealed class TestData implements AutoCloseable permits TestServer, TestStore {
    /** The two users most tests have (each test gives their passwords). */
    public static final String ALICE = "alice@example.test";
    public static final String BOB = "bob@example.test";

    final TestSetup setup;

    TestData(TestSetup setup) {
        this.setup = setup;
    }

    public abstract Services services();

    /** The directory holding {@code surel.toml} and {@code data/}. */
    public abstract Path dir();

    public Path configFile() {
        return dir().resolve("surel.toml");
    }

    public Clock clock() {
        return setup.clock;
    }

    /** The clock a test moves: the setup's, which must be a {@link MutableClock}. */
    public MutableClock mutableClock() {
        if (setup.clock instanceof MutableClock m) return m;
        throw new IllegalStateException("the setup's clock is not a MutableClock: " + setup.clock);
    }

    public MailStore store() {
        return services().store();
    }

    public Directory directory() {
        return services().directory();
    }

    /** The durable mail queue (SMTP's 250 comes after it accepted the message). */
    public SqlMailQueue queue() {
        return services().queue();
    }

    /** The password the setup gave {@code address}. */
    public String password(String address) {
        String p = setup.users.get(address);
        if (p == null) throw new IllegalArgumentException("no user " + address + " in this setup");
        return p;
    }

    /** The account id of a user. */
    public long account(String address) {
        return directory().findUser(address).orElseThrow(() -> new IllegalArgumentException("no user " + address)).id();
    }

    public long alice() {
        return account(ALICE);
    }

    public long bob() {
        return account(BOB);
    }

    public long mailbox(long account, String name) {
        return store().mailbox(account, name).id();
    }

    /** Appends a message to the account's INBOX (bare LF and CR become CRLF); returns its UID. */
    public long deliver(long account, String message) {
        return deliver(account, "INBOX", message);
    }

    public long deliver(long account, String mailbox, String message) {
        return deliver(account, mailbox, message, null);
    }

    /** With an internal date ({@code null}: now). */
    public long deliver(long account, String mailbox, String message, OffsetDateTime date) {
        return store().append(account, mailbox(account, mailbox),
                new NewMessage(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), null, date)).uid();
    }

    /** The messages of a mailbox, in UID order. */
    public List<MessageMeta> messages(long account, String mailbox) {
        return store().messages(account, mailbox(account, mailbox), UidRange.ALL);
    }

    public List<Long> uids(long account, String mailbox) {
        return messages(account, mailbox).stream().map(MessageMeta::uid).toList();
    }

    /** Whether the INBOX message {@code uid} has \Seen. */
    public boolean seen(long account, long uid) {
        return messages(account, "INBOX").stream().filter(m -> m.uid() == uid).findFirst().orElseThrow().flags().has(Flag.SEEN);
    }

    /** The INBOX messages of an account as text (UTF-8), oldest first. */
    public List<String> inbox(long account) {
        long box = mailbox(account, "INBOX");
        List<String> out = new ArrayList<>();
        for (MessageMeta m : store().messages(account, box, UidRange.ALL)) {
            try (SizedStream s = store().open(account, box, m.uid())) {
                out.add(new String(s.in().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Polls (up to 10 s) until the INBOX holds at least {@code n} messages; returns them. */
    public List<String> awaitInbox(long account, int n) {
        List<String> m = new ArrayList<>();
        await(() -> "INBOX of " + account + " has " + m.size() + " messages, expected " + n, () -> {
            m.clear();
            m.addAll(inbox(account));
            return m.size() >= n;
        });
        return m;
    }

    /**
     * As if an earlier IMAP4rev1 session had selected the mailbox: its messages so far are no
     * longer \Recent (RFC 3501 §2.3.2), for tests about something else.
     */
    public void recentTaken(long account, String mailbox) {
        var info = store().mailbox(account, mailbox);
        store().claimRecent(account, info.id(), info.uidNext());
    }

    /** A small message from carol@example.org to alice with this subject and body (CRLF). */
    public static String message(String subject, String body) {
        return "From: Carol <carol@example.org>\r\nTo: alice@example.test\r\nSubject: " + subject
                + "\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + subject.hashCode() + "@example.org>\r\n\r\n" + body + "\r\n";
    }

    /** Polls {@code condition} every 20 ms for up to 10 s. */
    public static void await(String what, BooleanSupplier condition) {
        await(() -> "timed out waiting for " + what, condition);
    }

    private static void await(java.util.function.Supplier<String> failure, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(failure.get());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
