package dev.surel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link MailStore} backend must keep. A backend's test extends this class
 * and says how to open a store on a directory and how to create an account row.
 */
public abstract class MailStoreContract {
    protected static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir protected Path dir;
    protected MutableClock clock;
    protected StoreSettings settings;
    protected MailStore store;
    protected long account;

    /** Opens (creating or reopening) the backend's store on {@code dir}. */
    protected abstract MailStore open(Path dir, StoreSettings settings, MutableClock clock);

    /** Creates an account (row plus {@link MailStore#initializeAccount}); null quota = the default. */
    protected abstract long createAccount(MailStore store, String localPart, Long quotaBytes, Long quotaMessages);

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        settings = StoreSettings.defaults().withGcInterval(Duration.ZERO);
        store = open(dir, settings, clock);
        account = createAccount(store, "alice", null, null);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    protected void reopen() {
        store.close();
        store = open(dir, settings, clock);
    }

    protected static NewMessage msg(String content) {
        return NewMessage.of(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    protected long inbox() {
        return store.mailbox(account, "INBOX").id();
    }

    protected Appended append(long mailbox, String content) {
        return store.append(account, mailbox, msg(content));
    }

    protected static String read(SizedStream s) throws IOException {
        try (InputStream in = s.in()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    protected long accountModseq() {
        return store.listMailboxes(account).stream().mapToLong(MailboxInfo::highestModseq).max().orElse(0);
    }

    /** The mailbox's counters equal what its live messages say, and the whole store checks clean. */
    protected void assertCountsRight() {
        long bytes = 0, msgs = 0;
        for (MailboxInfo mb : store.listMailboxes(account)) {
            List<MessageMeta> live = store.messages(account, mb.id(), UidRange.ALL);
            assertThat(mb.messages()).as("messages of %s", mb.name()).isEqualTo(live.size());
            assertThat(mb.unseen()).as("unseen of %s", mb.name()).isEqualTo(live.stream().filter(m -> !m.flags().has(Flag.SEEN)).count());
            assertThat(mb.deleted()).as("deleted of %s", mb.name()).isEqualTo(live.stream().filter(m -> m.flags().has(Flag.DELETED)).count());
            assertThat(mb.size()).as("size of %s", mb.name()).isEqualTo(live.stream().mapToLong(MessageMeta::size).sum());
            for (MessageMeta m : live) assertThat(m.uid()).isLessThan(mb.uidNext());
            bytes += mb.size();
            msgs += mb.messages();
        }
        Quota q = store.quota(account);
        assertThat(q.usedBytes()).isEqualTo(bytes);
        assertThat(q.usedMessages()).isEqualTo(msgs);
        assertThat(store.check().problems()).isEmpty();
    }

    // ---------------------------------------------------------------- accounts and mailboxes

    @Test
    void newAccountHasSpecialUseMailboxesAllSubscribed() {
        List<MailboxInfo> boxes = store.listMailboxes(account);
        assertThat(boxes).extracting(MailboxInfo::name)
                .containsExactlyInAnyOrder("INBOX", "Drafts", "Sent", "Trash", "Junk", "Archive");
        assertThat(store.mailbox(account, "Sent").specialUse()).isEqualTo(SpecialUse.SENT);
        assertThat(store.mailbox(account, "Trash").specialUse()).isEqualTo(SpecialUse.TRASH);
        assertThat(store.mailbox(account, "INBOX").specialUse()).isNull();
        assertThat(store.subscriptions(account)).containsExactlyInAnyOrder("INBOX", "Drafts", "Sent", "Trash", "Junk", "Archive");
        assertThat(boxes).extracting(MailboxInfo::uidValidity).doesNotHaveDuplicates();
        assertThat(store.mailbox(account, "inbox").id()).isEqualTo(inbox());
    }

    @Test
    void createImpliesSuperiorsAndRefusesDuplicatesAndBadNames() {
        store.createMailbox(account, "Work/Projects/Surel/", null);
        assertThat(store.listMailboxes(account)).extracting(MailboxInfo::name).contains("Work", "Work/Projects", "Work/Projects/Surel");
        assertThatThrownBy(() -> store.createMailbox(account, "Work", null)).isInstanceOf(StoreException.AlreadyExists.class);
        assertThatThrownBy(() -> store.createMailbox(account, "inbox", null)).isInstanceOf(StoreException.AlreadyExists.class);
        // "." and ".." levels would be paths in a Maildir/mbox export
        for (String bad : List.of("", "/x", "a//b", "a*", "a%b", "bad\r\nname", ".", "..", "a/../b", "a/..", "./a", "Work/./x")) {
            assertThatThrownBy(() -> store.createMailbox(account, bad, null)).as(bad).isInstanceOf(StoreException.InvalidName.class);
        }
        assertThat(store.listMailboxes(account)).extracting(MailboxInfo::name).noneMatch(n -> n.equals("a") || n.startsWith("a/") || n.equals("."));
        assertThat(store.createMailbox(account, "a.b/..c/d..", null).name()).isEqualTo("a.b/..c/d.."); // dots inside a level are fine
        assertThat(store.createMailbox(account, "inbox/Sub", null).name()).isEqualTo("INBOX/Sub");
    }

    @Test
    void deleteKeepsInferiorsRefusesInboxAndUnknown() {
        store.createMailbox(account, "A/B", null);
        long a = store.mailbox(account, "A").id();
        append(a, "x\r\n");
        store.deleteMailbox(account, "A");
        assertThat(store.listMailboxes(account)).extracting(MailboxInfo::name).contains("A/B").doesNotContain("A");
        assertThatThrownBy(() -> store.deleteMailbox(account, "INBOX")).isInstanceOf(StoreException.NotAllowed.class);
        assertThatThrownBy(() -> store.deleteMailbox(account, "Nope")).isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> store.messages(account, a, UidRange.ALL)).isInstanceOf(StoreException.NotFound.class);
        assertCountsRight();
    }

    @Test
    void renameMovesInferiorsKeepsUidValidityAndMessages() {
        MailboxInfo a = store.createMailbox(account, "A", null);
        store.createMailbox(account, "A/B", null);
        Appended m = append(a.id(), "hello\r\n");
        MailboxInfo renamed = store.renameMailbox(account, "A", "X/Y");
        assertThat(renamed.id()).isEqualTo(a.id());
        assertThat(renamed.uidValidity()).isEqualTo(a.uidValidity());
        assertThat(renamed.name()).isEqualTo("X/Y");
        assertThat(store.listMailboxes(account)).extracting(MailboxInfo::name).contains("X", "X/Y", "X/Y/B").doesNotContain("A", "A/B");
        assertThat(store.fetch(account, a.id(), List.of(m.uid()))).hasSize(1);
        assertThatThrownBy(() -> store.renameMailbox(account, "Sent", "Trash")).isInstanceOf(StoreException.AlreadyExists.class);
        assertThatThrownBy(() -> store.renameMailbox(account, "Nope", "Z")).isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> store.renameMailbox(account, "X", "X/Y/Z")).isInstanceOf(StoreException.NotAllowed.class);
        assertThatThrownBy(() -> store.renameMailbox(account, "X", "Q/../X2")).isInstanceOf(StoreException.InvalidName.class);
        assertThatThrownBy(() -> store.renameMailbox(account, "X", "..")).isInstanceOf(StoreException.InvalidName.class);
        assertCountsRight();
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws IOException {
        store.createMailbox(account, "INBOX/Child", null);
        append(inbox(), "one\r\n");
        append(inbox(), "two\r\n");
        MailboxInfo before = store.mailbox(account, "INBOX");
        MailboxInfo old = store.renameMailbox(account, "INBOX", "Old Inbox");
        MailboxInfo after = store.mailbox(account, "INBOX");
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.messages()).isZero();
        assertThat(after.uidNext()).isEqualTo(before.uidNext());
        assertThat(old.messages()).isEqualTo(2);
        List<MessageMeta> moved = store.messages(account, old.id(), UidRange.ALL);
        assertThat(read(store.open(account, old.id(), moved.get(1).uid()))).isEqualTo("two\r\n");
        assertThat(store.listMailboxes(account)).extracting(MailboxInfo::name).contains("INBOX/Child");
        assertThat(append(inbox(), "three\r\n").uid()).isEqualTo(3);
        assertCountsRight();
    }

    @Test
    void subscriptionsMayNameMissingMailboxes() {
        store.subscribe(account, "Ghost/Box");
        store.subscribe(account, "Ghost/Box");
        store.unsubscribe(account, "Junk");
        assertThat(store.subscriptions(account)).contains("Ghost/Box", "INBOX").doesNotContain("Junk");
        store.createMailbox(account, "Temp", null);
        store.subscribe(account, "Temp");
        store.deleteMailbox(account, "Temp");
        assertThat(store.subscriptions(account)).contains("Temp");
        assertThatThrownBy(() -> store.subscribe(account, "a//b")).isInstanceOf(StoreException.InvalidName.class);
    }

    // ---------------------------------------------------------------- UIDs

    @Test
    void uidsIncreaseAndAreNeverReusedAfterExpungeOrRestart() {
        long inbox = inbox();
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < 5; i++) uids.add(append(inbox, "m" + i + "\r\n").uid());
        assertThat(uids).containsExactly(1L, 2L, 3L, 4L, 5L);
        store.updateFlags(account, inbox, List.of(4L, 5L), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        assertThat(store.expunge(account, inbox, null).uids()).containsExactly(4L, 5L);
        assertThat(append(inbox, "after expunge\r\n").uid()).isEqualTo(6);
        long validity = store.mailbox(account, inbox).uidValidity();
        reopen();
        assertThat(store.mailbox(account, inbox).uidValidity()).isEqualTo(validity);
        assertThat(append(inbox, "after restart\r\n").uid()).isEqualTo(7);
        assertThat(store.messages(account, inbox, UidRange.ALL)).extracting(MessageMeta::uid).containsExactly(1L, 2L, 3L, 6L, 7L);
        assertThat(store.messages(account, inbox, new UidRange(2, 6))).extracting(MessageMeta::uid).containsExactly(2L, 3L, 6L);
        assertCountsRight();
    }

    @Test
    void recreatedMailboxGetsLargerUidValidity() {
        MailboxInfo first = store.createMailbox(account, "Box", null);
        append(first.id(), "a\r\n");
        append(first.id(), "b\r\n");
        store.deleteMailbox(account, "Box");
        reopen();
        MailboxInfo second = store.createMailbox(account, "Box", null);
        assertThat(second.uidValidity()).isGreaterThan(first.uidValidity());
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(append(second.id(), "c\r\n").uid()).isEqualTo(1);
        long maxValidity = store.listMailboxes(account).stream().mapToLong(MailboxInfo::uidValidity).max().orElseThrow();
        assertThat(second.uidValidity()).isEqualTo(maxValidity);
    }

    // ---------------------------------------------------------------- MODSEQ

    @Test
    void everyChangeBumpsTheAccountModseq() {
        long inbox = inbox();
        long m0 = accountModseq();
        Appended a = append(inbox, "x\r\n");
        assertThat(a.modseq()).isGreaterThan(m0);
        assertThat(store.mailbox(account, inbox).highestModseq()).isEqualTo(a.modseq());

        FlagUpdate f = store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
        long m2 = f.changed().getFirst().modseq();
        assertThat(m2).isGreaterThan(a.modseq());
        assertThat(store.fetch(account, inbox, List.of(a.uid())).getFirst().modseq()).isEqualTo(m2);

        FlagUpdate noop = store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
        assertThat(noop.changed()).isEmpty();
        assertThat(noop.unchanged()).containsExactly(a.uid());
        assertThat(store.mailbox(account, inbox).highestModseq()).isEqualTo(m2);

        long trash = store.mailbox(account, "Trash").id();
        CopyResult copy = store.copy(account, inbox, List.of(a.uid()), trash);
        assertThat(copy.modseq()).isGreaterThan(m2);
        assertThat(store.mailbox(account, trash).highestModseq()).isEqualTo(copy.modseq());

        MailboxInfo created = store.createMailbox(account, "New", null);
        assertThat(created.highestModseq()).isGreaterThan(copy.modseq());

        CopyResult move = store.move(account, trash, List.of(copy.mapping().getFirst().targetUid()), created.id());
        assertThat(move.modseq()).isGreaterThan(created.highestModseq());
        assertThat(store.mailbox(account, trash).highestModseq()).isEqualTo(move.modseq());

        store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        Expunged e = store.expunge(account, inbox, null);
        assertThat(e.modseq()).isGreaterThan(move.modseq());
        assertThat(store.mailbox(account, inbox).highestModseq()).isEqualTo(e.modseq());
        assertThat(accountModseq()).isEqualTo(e.modseq());
        assertCountsRight();
    }

    @Test
    void unchangedSinceRefusesNewerMessages() {
        long inbox = inbox();
        Appended a = append(inbox, "a\r\n");
        Appended b = append(inbox, "b\r\n");
        FlagUpdate u = store.updateFlags(account, inbox, List.of(a.uid(), b.uid()), FlagOp.ADD, Flags.of(Flag.FLAGGED), a.modseq());
        assertThat(u.failed()).containsExactly(b.uid());
        assertThat(u.changed()).extracting(MessageMeta::uid).containsExactly(a.uid());
        assertThat(store.fetch(account, inbox, List.of(b.uid())).getFirst().flags().has(Flag.FLAGGED)).isFalse();
    }

    @Test
    void unchangedSinceLetsANoOpPassExceptAtZero() {
        long inbox = inbox();
        Appended a = append(inbox, "a\r\n");
        store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
        // a's MODSEQ is now above a.modseq(); adding \Seen again changes nothing, so it passes
        FlagUpdate again = store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.SEEN), a.modseq());
        assertThat(again.failed()).isEmpty();
        assertThat(again.unchanged()).containsExactly(a.uid());
        FlagUpdate other = store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.FLAGGED), a.modseq());
        assertThat(other.failed()).containsExactly(a.uid());
        FlagUpdate zero = store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.SEEN), 0);
        assertThat(zero.failed()).containsExactly(a.uid());
    }

    @Test
    void flagsAndKeywordsAddRemoveReplace() {
        long inbox = inbox();
        Appended a = store.append(account, inbox, new NewMessage(new ByteArrayInputStream("x\r\n".getBytes()),
                new Flags(Set.of(Flag.SEEN), Set.of("$Important")), null));
        store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.ANSWERED).withKeywords("work", "$important"), -1);
        Flags f = store.fetch(account, inbox, List.of(a.uid())).getFirst().flags();
        assertThat(f.system()).containsExactlyInAnyOrder(Flag.SEEN, Flag.ANSWERED);
        assertThat(f.keywords()).containsExactlyInAnyOrder("$Important", "work");
        store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.REMOVE, Flags.of(Flag.SEEN).withKeywords("WORK"), -1);
        f = store.fetch(account, inbox, List.of(a.uid())).getFirst().flags();
        assertThat(f.system()).containsExactly(Flag.ANSWERED);
        assertThat(f.keywords()).containsExactly("$Important");
        store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.REPLACE, Flags.of(Flag.DRAFT), -1);
        f = store.fetch(account, inbox, List.of(a.uid())).getFirst().flags();
        assertThat(f.system()).containsExactly(Flag.DRAFT);
        assertThat(f.keywords()).isEmpty();
        assertCountsRight();
    }

    // ---------------------------------------------------------------- tombstones and gc

    @Test
    void tombstonesReportExpungesUntilPurgedAfterTheHorizon() throws IOException {
        long inbox = inbox();
        Appended a = append(inbox, "keep\r\n");
        Appended b = append(inbox, "expunge me\r\n");
        long before = store.mailbox(account, inbox).highestModseq();
        store.updateFlags(account, inbox, List.of(b.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        Expunged e = store.expunge(account, inbox, List.of(a.uid(), b.uid()));
        assertThat(e.uids()).containsExactly(b.uid());

        Changes ch = store.changesSince(account, inbox, before);
        assertThat(ch.expunged()).containsExactly(b.uid());
        assertThat(ch.complete()).isTrue();
        assertThat(ch.highestModseq()).isEqualTo(e.modseq());
        // an expunged-but-unannounced message can still be read
        assertThat(read(store.open(account, inbox, b.uid()))).isEqualTo("expunge me\r\n");

        clock.advance(Duration.ofDays(29));
        assertThat(store.gc().tombstonesPurged()).isZero();
        assertThat(store.changesSince(account, inbox, before).expunged()).containsExactly(b.uid());

        clock.advance(Duration.ofDays(2));
        GcReport r = store.gc();
        assertThat(r.tombstonesPurged()).isEqualTo(1);
        assertThat(r.blobsDeleted()).isZero(); // orphaned now, deleted only after the grace
        MailboxInfo mb = store.mailbox(account, inbox);
        assertThat(mb.purgedModseq()).isEqualTo(e.modseq());
        Changes late = store.changesSince(account, inbox, before);
        assertThat(late.expunged()).isEmpty();
        assertThat(late.complete()).isFalse();
        assertThat(store.changesSince(account, inbox, e.modseq()).complete()).isTrue();
        assertThatThrownBy(() -> store.open(account, inbox, b.uid())).isInstanceOf(StoreException.NotFound.class);

        clock.advance(Duration.ofHours(2));
        assertThat(store.gc().blobsDeleted()).isEqualTo(1);
        assertThat(read(store.open(account, inbox, a.uid()))).isEqualTo("keep\r\n");
        assertThat(append(inbox, "new\r\n").uid()).isEqualTo(3);
        assertCountsRight();
    }

    @Test
    void anOpenSessionLeasePinsLaterTombstones() throws IOException {
        long inbox = inbox();
        Appended a = append(inbox, "pinned\r\n");
        try (SessionLease lease = store.openSession(account)) {
            assertThat(lease.accountId()).isEqualTo(account);
            store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            store.expunge(account, inbox, null);
            clock.advance(Duration.ofDays(60));
            assertThat(store.gc().tombstonesPurged()).isZero();
            assertThat(read(store.open(account, inbox, a.uid()))).isEqualTo("pinned\r\n");
        }
        assertThat(store.gc().tombstonesPurged()).isEqualTo(1);
    }

    @Test
    void sharedContentSurvivesCollectionOfOneCopy() throws IOException {
        long inbox = inbox();
        Appended a = append(inbox, "same bytes\r\n");
        Appended b = append(inbox, "same bytes\n");
        assertThat(b.blobHash()).isEqualTo(a.blobHash());
        store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        store.expunge(account, inbox, null);
        clock.advance(Duration.ofDays(40));
        store.gc();
        clock.advance(Duration.ofDays(1));
        assertThat(store.gc().blobsDeleted()).isZero();
        assertThat(read(store.open(account, inbox, b.uid()))).isEqualTo("same bytes\r\n");
        // an orphaned blob whose content comes back is revived, not deleted
        store.updateFlags(account, inbox, List.of(b.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        store.expunge(account, inbox, null);
        clock.advance(Duration.ofDays(40));
        store.gc();
        Appended c = append(inbox, "same bytes\r\n");
        clock.advance(Duration.ofDays(1));
        assertThat(store.gc().blobsDeleted()).isZero();
        assertThat(read(store.open(account, inbox, c.uid()))).isEqualTo("same bytes\r\n");
        assertCountsRight();
    }

    // ---------------------------------------------------------------- content

    @Test
    void contentIsCanonicalisedToCrlfAndSizedAfterwards() throws IOException {
        String raw = "Subject: x\nFrom: a@b\r\n\rbody\nlast";
        Appended a = append(inbox(), raw);
        String stored = "Subject: x\r\nFrom: a@b\r\n\r\nbody\r\nlast";
        assertThat(a.size()).isEqualTo(stored.length());
        SizedStream s = store.open(account, inbox(), a.uid());
        assertThat(s.size()).isEqualTo(stored.length());
        assertThat(read(s)).isEqualTo(stored);
        assertThat(store.fetch(account, inbox(), List.of(a.uid())).getFirst().size()).isEqualTo(stored.length());
        assertCountsRight();
    }

    @Test
    void aSpooledMessageCanBeAppendedToSeveralAccounts() throws IOException {
        long bob = createAccount(store, "bob", null, null);
        try (var spooled = store.spool(new ByteArrayInputStream("Subject: hi\n\nfor two\n".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(spooled.size()).isEqualTo("Subject: hi\r\n\r\nfor two\r\n".length());
            Appended forAlice = store.append(account, inbox(), NewMessage.of(spooled));
            Appended forBob = store.append(bob, store.mailbox(bob, "INBOX").id(), NewMessage.of(spooled));
            assertThat(forBob.blobHash()).isEqualTo(forAlice.blobHash()).isEqualTo(spooled.hash());
            try (InputStream in = spooled.open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: hi\r\n\r\nfor two\r\n");
            }
            assertThat(read(store.open(bob, store.mailbox(bob, "INBOX").id(), forBob.uid()))).endsWith("for two\r\n");
        }
        assertCountsRight();
    }

    @Test
    void internalDateKeepsItsOffset() {
        OffsetDateTime date = OffsetDateTime.of(2025, 7, 1, 9, 30, 15, 0, ZoneOffset.ofHoursMinutes(-7, -30));
        Appended a = store.append(account, inbox(), new NewMessage(new ByteArrayInputStream("x\r\n".getBytes()), Flags.NONE, date));
        OffsetDateTime back = store.fetch(account, inbox(), List.of(a.uid())).getFirst().internalDate();
        assertThat(back).isEqualTo(date);
        assertThat(back.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-7, -30));
        Appended now = append(inbox(), "y\r\n");
        assertThat(store.fetch(account, inbox(), List.of(now.uid())).getFirst().internalDate().toInstant()).isEqualTo(START);
    }

    @Test
    void multiAppendIsOneTransaction() {
        long inbox = inbox();
        List<Appended> r = store.appendAll(account, inbox, List.of(msg("a\r\n"), msg("b\r\n"), msg("c\r\n")));
        assertThat(r).extracting(Appended::uid).containsExactly(1L, 2L, 3L);
        assertThat(r).extracting(Appended::modseq).containsOnly(r.getFirst().modseq());
        assertCountsRight();
    }

    @Test
    void copyAndMoveReturnUidMappings() throws IOException {
        long inbox = inbox();
        long archive = store.mailbox(account, "Archive").id();
        append(archive, "occupies uid 1\r\n");
        for (int i = 1; i <= 4; i++) append(inbox, "m" + i + "\r\n");
        store.updateFlags(account, inbox, List.of(2L), FlagOp.ADD, Flags.of(Flag.SEEN).withKeywords("kw"), -1);
        CopyResult c = store.copy(account, inbox, List.of(4L, 2L, 99L), archive);
        assertThat(c.targetUidValidity()).isEqualTo(store.mailbox(account, archive).uidValidity());
        assertThat(c.mapping()).containsExactly(new CopyResult.UidPair(2, 2), new CopyResult.UidPair(4, 3));
        MessageMeta copied = store.fetch(account, archive, List.of(2L)).getFirst();
        assertThat(copied.flags().has(Flag.SEEN)).isTrue();
        assertThat(copied.flags().keywords()).containsExactly("kw");
        assertThat(read(store.open(account, archive, 3))).isEqualTo("m4\r\n");
        assertThat(store.mailbox(account, inbox).messages()).isEqualTo(4);

        CopyResult m = store.move(account, inbox, List.of(1L, 3L), archive);
        assertThat(m.mapping()).containsExactly(new CopyResult.UidPair(1, 4), new CopyResult.UidPair(3, 5));
        assertThat(m.expungeModseq()).isEqualTo(m.modseq());
        assertThat(store.messages(account, inbox, UidRange.ALL)).extracting(MessageMeta::uid).containsExactly(2L, 4L);
        assertThat(store.changesSince(account, inbox, m.modseq() - 1).expunged()).containsExactly(1L, 3L);
        assertThat(read(store.open(account, archive, 5))).isEqualTo("m3\r\n");
        // RFC 6851 §3.3 / RFC 9051 §6.4.7: into the mailbox itself, a copy gets the next UID and a
        // move also expunges the source
        CopyResult self = store.move(account, inbox, List.of(2L), inbox);
        assertThat(self.mapping()).containsExactly(new CopyResult.UidPair(2, 5));
        assertThat(store.messages(account, inbox, UidRange.ALL)).extracting(MessageMeta::uid).containsExactly(4L, 5L);
        assertThat(store.fetch(account, inbox, List.of(5L)).getFirst().flags().keywords()).containsExactly("kw");
        CopyResult selfCopy = store.copy(account, inbox, List.of(4L), inbox);
        assertThat(selfCopy.mapping()).containsExactly(new CopyResult.UidPair(4, 6));
        assertThat(store.messages(account, inbox, UidRange.ALL)).extracting(MessageMeta::uid).containsExactly(4L, 5L, 6L);
        assertThat(read(store.open(account, inbox, 6))).isEqualTo("m4\r\n");
        assertCountsRight();
    }

    @Test
    void anotherAccountsMailboxIsNotFound() {
        long bob = createAccount(store, "bob", null, null);
        long bobInbox = store.mailbox(bob, "INBOX").id();
        assertThatThrownBy(() -> store.append(account, bobInbox, msg("x"))).isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> store.messages(account, bobInbox, UidRange.ALL)).isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> store.mailbox(account, bobInbox)).isInstanceOf(StoreException.NotFound.class);
    }

    // ---------------------------------------------------------------- quota

    @Test
    void quotaRefusesBytesAndMessages() {
        long limited = createAccount(store, "carol", 20L, 3L);
        long in = store.mailbox(limited, "INBOX").id();
        store.append(limited, in, msg("0123456789"));
        assertThatThrownBy(() -> store.append(limited, in, msg("0123456789X")))
                .isInstanceOfSatisfying(StoreException.OverQuota.class, e -> assertThat(e.resource()).isEqualTo(StoreException.OverQuota.Resource.BYTES));
        store.append(limited, in, msg("1"));
        store.append(limited, in, msg("2"));
        assertThatThrownBy(() -> store.append(limited, in, msg("3")))
                .isInstanceOfSatisfying(StoreException.OverQuota.class, e -> assertThat(e.resource()).isEqualTo(StoreException.OverQuota.Resource.MESSAGES));
        long trash = store.mailbox(limited, "Trash").id();
        assertThatThrownBy(() -> store.copy(limited, in, List.of(1L), trash)).isInstanceOf(StoreException.OverQuota.class);
        assertThat(store.move(limited, in, List.of(1L), trash).mapping()).hasSize(1);
        Quota q = store.quota(limited);
        assertThat(q).isEqualTo(new Quota(12, 20, 3, 3));
        assertThat(store.mailbox(limited, "INBOX").uidNext()).isEqualTo(4); // refused appends took no UID
        assertThat(store.check().problems()).isEmpty();
    }

    @Test
    void defaultQuotaComesFromSettings() {
        store.close();
        settings = settings.withDefaultQuota(0, 1);
        store = open(dir, settings, clock);
        assertThat(store.quota(account).limitMessages()).isEqualTo(1);
        append(inbox(), "one");
        assertThatThrownBy(() -> append(inbox(), "two")).isInstanceOf(StoreException.OverQuota.class);
        long unlimited = createAccount(store, "dave", 0L, 0L);
        long in = store.mailbox(unlimited, "INBOX").id();
        for (int i = 0; i < 3; i++) store.append(unlimited, in, msg("x"));
        assertThat(store.quota(unlimited)).isEqualTo(new Quota(3, 0, 3, 0));
    }

    // ---------------------------------------------------------------- concurrency and change bus

    @Test
    void sixteenConcurrentAppendersGetDistinctContiguousUidsAndReadersNeverSeeAGap() throws Exception {
        long inbox = inbox();
        int threads = 16, perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> gap = new AtomicReference<>();
        ConcurrentLinkedQueue<Long> uids = new ConcurrentLinkedQueue<>();
        try {
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                go.await();
                while (writing.get() || reads == 0) {
                    List<MessageMeta> seen = store.messages(account, inbox, UidRange.ALL);
                    for (int i = 0; i < seen.size(); i++) {
                        if (seen.get(i).uid() != i + 1) gap.compareAndSet(null, "saw uid " + seen.get(i).uid() + " at position " + i);
                    }
                    MailboxInfo mb = store.mailbox(account, inbox);
                    if (mb.messages() > mb.uidNext() - 1) gap.compareAndSet(null, "count above uidnext-1");
                    reads++;
                }
                return reads;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) uids.add(append(inbox, "thread " + id + " message " + i + "\r\n").uid());
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> w : writers) w.get(60, TimeUnit.SECONDS);
            writing.set(false);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(gap.get()).isNull();
        List<Long> sorted = new ArrayList<>(uids);
        Collections.sort(sorted);
        List<Long> expected = new ArrayList<>();
        for (long u = 1; u <= threads * perThread; u++) expected.add(u);
        assertThat(sorted).isEqualTo(expected);
        MailboxInfo mb = store.mailbox(account, inbox);
        assertThat(mb.messages()).isEqualTo(threads * perThread);
        assertThat(mb.uidNext()).isEqualTo(threads * perThread + 1);
        assertCountsRight();
    }

    @Test
    void changeBusDeliversEventsAfterCommit() throws Exception {
        long inbox = inbox();
        try (ChangeBus.Subscription sub = store.changeBus().subscribe(account);
             ChangeBus.Subscription other = store.changeBus().subscribe(account + 1000)) {
            ExecutorService listener = Executors.newSingleThreadExecutor();
            try {
                // the listener reads the store as soon as the event arrives: the change must be visible
                Future<List<MessageMeta>> seen = listener.submit(() -> {
                    StoreEvent e = sub.poll(30, TimeUnit.SECONDS);
                    assertThat(e).isInstanceOf(StoreEvent.MessageAdded.class);
                    StoreEvent.MessageAdded added = (StoreEvent.MessageAdded) e;
                    return store.fetch(account, added.mailboxId(), List.of(added.uid()));
                });
                Appended a = append(inbox, "hello\r\n");
                assertThat(seen.get(30, TimeUnit.SECONDS)).extracting(MessageMeta::uid).containsExactly(a.uid());
            } finally {
                listener.shutdownNow();
            }
            store.updateFlags(account, inbox, List.of(1L), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            Expunged e = store.expunge(account, inbox, null);
            store.createMailbox(account, "Fresh", null);
            store.renameMailbox(account, "Fresh", "Stale");
            store.deleteMailbox(account, "Stale");
            List<StoreEvent> events = sub.drain();
            assertThat(events).hasSize(5);
            assertThat(events.get(0)).isInstanceOfSatisfying(StoreEvent.FlagsChanged.class, f -> assertThat(f.flags().has(Flag.DELETED)).isTrue());
            assertThat(events.get(1)).isEqualTo(new StoreEvent.MessagesExpunged(account, inbox, List.of(1L), e.modseq()));
            assertThat(events.get(2)).isInstanceOf(StoreEvent.MailboxCreated.class);
            assertThat(events.get(3)).isInstanceOfSatisfying(StoreEvent.MailboxRenamed.class, r -> assertThat(r.newName()).isEqualTo("Stale"));
            assertThat(events.get(4)).isInstanceOf(StoreEvent.MailboxDeleted.class);
            assertThat(other.drain()).isEmpty();
            // a failed change publishes nothing
            assertThatThrownBy(() -> store.createMailbox(account, "INBOX", null)).isInstanceOf(StoreException.AlreadyExists.class);
            assertThat(sub.drain()).isEmpty();
        }
    }

    /** ChangeBus.subscribeAll: every account's events, in commit order, with its own bounded queue. */
    @Test
    void anEveryAccountSubscriptionSeesAllAccountsAndOverflowsOnItsOwn() {
        long other = createAccount(store, "every", null, null);
        try (ChangeBus.Subscription all = store.changeBus().subscribeAll(3);
             ChangeBus.Subscription one = store.changeBus().subscribe(account)) {
            assertThat(all.accountId()).isEqualTo(ChangeBus.EVERY_ACCOUNT);
            Appended a = append(inbox(), "one\r\n");
            Appended b = store.append(other, store.mailbox(other, "INBOX").id(), NewMessage.of(new java.io.ByteArrayInputStream("two\r\n".getBytes())));
            List<StoreEvent> events = all.drain();
            assertThat(events).extracting(StoreEvent::accountId).containsExactly(account, other);
            assertThat(events).extracting(e -> ((StoreEvent.MessageAdded) e).uid()).containsExactly(a.uid(), b.uid());
            assertThat(events).extracting(e -> ((StoreEvent.MessageAdded) e).mailboxId())
                    .containsExactly(inbox(), store.mailbox(other, "INBOX").id());
            for (int i = 0; i < 5; i++) append(inbox(), "m" + i);
            assertThat(all.overflowed()).isTrue();
            assertThat(all.drain()).hasSize(3);
            assertThat(one.overflowed()).isFalse(); // each subscription has its own queue
            assertThat(one.drain()).hasSize(6);
        }
        append(inbox(), "after close");
    }

    @Test
    void aSlowSubscriberOverflowsInsteadOfBlockingTheStore() {
        store.close();
        settings = new StoreSettings(settings.tombstoneHorizon(), settings.blobGcGrace(), settings.gcInterval(), 0, 0, 2, 0, 3, 0);
        store = open(dir, settings, clock);
        try (ChangeBus.Subscription sub = store.changeBus().subscribe(account)) {
            for (int i = 0; i < 10; i++) append(inbox(), "m" + i);
            assertThat(sub.overflowed()).isTrue();
            assertThat(sub.drain()).hasSize(3);
            assertThat(store.mailbox(account, "INBOX").messages()).isEqualTo(10);
        }
    }

    @Test
    void mimeStructureIsComputedAtAppendAndServesSectionsByOffset() throws Exception {
        String mail = "From: Alice <alice@example.test>\r\nSubject: =?UTF-8?Q?caf=C3=A9?=\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b--\r\n";
        Appended a = append(inbox(), mail);
        // the structure was stored with the blob: it survives a restart without re-parsing
        reopen();
        dev.surel.protocol.mime.MessageStructure st = store.structure(account, inbox(), a.uid());
        assertThat(st.size()).isEqualTo(a.size());
        assertThat(st.envelope().decodedSubject()).isEqualTo("café");
        dev.surel.protocol.mime.ByteRange body2 = st.range(dev.surel.protocol.mime.SectionText.CONTENT, 2).orElseThrow();
        byte[] all;
        try (var in = store.open(account, inbox(), a.uid()).in()) {
            all = in.readAllBytes();
        }
        assertThat(new String(all, (int) body2.start(), (int) body2.length(), StandardCharsets.US_ASCII)).isEqualTo("AAEC");
        assertThat(st.sections()).extracting(dev.surel.protocol.mime.MessageStructure.Section::number).containsExactly("1", "2");
    }

    @Test
    void structuresReadsManyMessagesAtOnceLikeStructureDoesOneByOne() {
        Appended a = append(inbox(), "Subject: one\r\nFrom: a@example.test\r\n\r\nbody one\r\n");
        Appended b = append(inbox(), "Subject: two\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n");
        Appended c = append(inbox(), "Subject: three\r\n\r\nthree\r\n");
        Appended elsewhere = append(store.mailbox(account, "Trash").id(), "Subject: not here\r\n\r\nz\r\n");
        store.updateFlags(account, inbox(), List.of(c.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        store.expunge(account, inbox(), List.of(c.uid()));
        List<Long> asked = new java.util.ArrayList<>(List.of(b.uid(), a.uid(), c.uid(), 999L));
        // more UIDs than one SQL chunk, to cover the chunking
        for (long u = 1000; u < 1700; u++) asked.add(u);
        java.util.Map<Long, dev.surel.protocol.mime.MessageStructure> got = store.structures(account, inbox(), asked);
        // a tombstone not yet purged still has its structure (as structure() gives it); no row: absent
        assertThat(got.keySet()).containsExactlyInAnyOrder(a.uid(), b.uid(), c.uid());
        for (long uid : List.of(a.uid(), b.uid(), c.uid())) {
            dev.surel.protocol.mime.MessageStructure one = store.structure(account, inbox(), uid);
            assertThat(got.get(uid).envelope().decodedSubject()).isEqualTo(one.envelope().decodedSubject());
            assertThat(got.get(uid).size()).isEqualTo(one.size());
        }
        assertThat(got.get(b.uid()).envelope().decodedSubject()).isEqualTo("two");
        assertThat(got.get(b.uid()).sections()).extracting(dev.surel.protocol.mime.MessageStructure.Section::number).containsExactly("1");
        assertThat(store.structures(account, inbox(), List.of(elsewhere.uid() + 100))).isEmpty();
        assertThat(store.structures(account, inbox(), List.of())).isEmpty();
        assertThatThrownBy(() -> store.structures(account, 987654L, List.of(a.uid()))).isInstanceOf(StoreException.NotFound.class);
    }

    @Test
    void aMalformedMessageIsStoredAndStillHasAStructure() {
        String junk = "this is \u0000 not\r\na header\r\nContent-Type: multipart/mixed; boundary=\r\n--never\r\n\u00ff\u00fe";
        Appended a = append(inbox(), junk);
        dev.surel.protocol.mime.MessageStructure st = store.structure(account, inbox(), a.uid());
        assertThat(st.size()).isEqualTo(a.size());
        assertThat(st.sections()).isNotEmpty();
        assertThat(store.check().ok()).isTrue();
    }

    // ------------------------------------------------------------ markSeenAndExpunge, openContent (POP3 UPDATE)

    @Test
    void markSeenAndExpungeCommitsEverythingInOneTransaction() throws Exception {
        Appended a = append(inbox(), "Subject: a\r\n\r\na\r\n");
        Appended b = append(inbox(), "Subject: b\r\n\r\nb\r\n");
        Appended c = append(inbox(), "Subject: c\r\n\r\nc\r\n");
        try (ChangeBus.Subscription events = store.changeBus().subscribe(account)) {
            AtomicBoolean ran = new AtomicBoolean();
            store.markSeenAndExpunge(account, List.of(new SeenAndExpunge(inbox(), List.of(a.uid(), b.uid()), List.of(b.uid(), c.uid()))),
                    tx -> ran.set(true));
            assertThat(ran).isTrue();
            List<MessageMeta> left = store.messages(account, inbox(), UidRange.ALL);
            assertThat(left).extracting(MessageMeta::uid).containsExactly(a.uid());
            assertThat(left.getFirst().flags().has(Flag.SEEN)).isTrue();
            assertThat(store.mailbox(account, "INBOX").messages()).isEqualTo(1);
            assertThat(events.drain()).anyMatch(e -> e instanceof StoreEvent.MessagesExpunged x && x.uids().equals(List.of(b.uid(), c.uid())));
        }
        // a failure inside alsoInTx rolls everything back
        Appended d = append(inbox(), "Subject: d\r\n\r\nd\r\n");
        assertThatThrownBy(() -> store.markSeenAndExpunge(account, List.of(new SeenAndExpunge(inbox(), List.of(d.uid()), List.of(a.uid()))),
                tx -> { throw new java.sql.SQLException("boom"); })).isInstanceOf(RuntimeException.class);
        List<MessageMeta> after = store.messages(account, inbox(), UidRange.ALL);
        assertThat(after).extracting(MessageMeta::uid).containsExactly(a.uid(), d.uid());
        assertThat(after.get(1).flags().has(Flag.SEEN)).isFalse();
        // bytes by hash, without the database
        try (SizedStream s = store.openContent(after.get(1).blobHash())) {
            assertThat(new String(s.in().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: d\r\n\r\nd\r\n");
        }
        assertThatThrownBy(() -> store.openContent("0".repeat(64))).isInstanceOf(StoreException.NotFound.class);
        assertThat(store.check().ok()).isTrue();
    }
}
