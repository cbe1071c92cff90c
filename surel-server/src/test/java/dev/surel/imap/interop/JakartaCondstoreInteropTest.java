package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Mail (Angus Mail 2.0.5) using RFC 7162: {@code IMAPFolder.open} with
 * {@link ResyncData#CONDSTORE} and with QRESYNC resync data (Angus sends ENABLE itself),
 * {@code getHighestModSeq}, {@code IMAPMessage.getModSeq} and {@code getMessagesByUIDChangedSince},
 * against changes made meanwhile by the store (as another session would).
 */
class JakartaCondstoreInteropTest {
    static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).perTest();
    Store store;
    long inbox;

    @BeforeEach
    void start() throws Exception {
        for (int i = 1; i <= 5; i++) fx.deliver(fx.alice(), "INBOX", "From: a@example.org\nSubject: m" + i + "\n\nbody " + i + "\n");
        inbox = fx.mailbox(fx.alice(), "INBOX");
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", String.valueOf(fx.port(Endpoint.IMAP)));
        p.put("mail.imap.connectiontimeout", "10000");
        p.put("mail.imap.timeout", "20000");
        store = Session.getInstance(p).getStore("imap");
        store.connect(ALICE, PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null && store.isConnected()) store.close();
    }

    private long serverHighest() {
        return fx.store().mailbox(fx.alice(), inbox).highestModseq();
    }

    @Test
    void condstoreOpenModseqsAndChangedSince() throws Exception {
        IMAPFolder f = (IMAPFolder) store.getFolder("INBOX");
        f.open(Folder.READ_WRITE, ResyncData.CONDSTORE);
        long h = f.getHighestModSeq();
        assertThat(h).isEqualTo(serverHighest());
        IMAPMessage m2 = (IMAPMessage) f.getMessageByUID(2);
        assertThat(m2.getModSeq()).isEqualTo(fx.store().fetch(fx.alice(), inbox, List.of(2L)).getFirst().modseq());

        fx.store().updateFlags(fx.alice(), inbox, List.of(2L, 4L), FlagOp.ADD, Flags.of(Flag.FLAGGED), -1);
        Message[] changed = f.getMessagesByUIDChangedSince(1, UIDFolder.MAXUID, h);
        assertThat(Arrays.stream(changed).map(m -> uid(f, m)).toList()).containsExactly(2L, 4L);
        assertThat(changed[0].isSet(jakarta.mail.Flags.Flag.FLAGGED)).isTrue();
        assertThat(((IMAPMessage) changed[0]).getModSeq()).isEqualTo(serverHighest());
        assertThat(f.getMessagesByUIDChangedSince(1, UIDFolder.MAXUID, serverHighest())).isEmpty();
        f.close(false);
    }

    @Test
    void qresyncOpenReportsVanishedAndChangedMessages() throws Exception {
        IMAPFolder f = (IMAPFolder) store.getFolder("INBOX");
        f.open(Folder.READ_WRITE, ResyncData.CONDSTORE);
        long uidValidity = f.getUIDValidity();
        long h = f.getHighestModSeq();
        f.close(false);

        // while the folder is closed: one flag change, two expunges, one new message
        fx.store().updateFlags(fx.alice(), inbox, List.of(1L), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
        fx.store().updateFlags(fx.alice(), inbox, List.of(3L, 5L), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        fx.store().expunge(fx.alice(), inbox, List.of(3L, 5L));
        fx.deliver(fx.alice(), "INBOX", "From: a@example.org\nSubject: m6\n\nbody 6\n");

        List<MailEvent> events = f.open(Folder.READ_WRITE, new ResyncData(uidValidity, h, 1, 5));
        List<Long> vanished = new ArrayList<>();
        List<Long> changedUids = new ArrayList<>();
        for (MailEvent e : events) {
            if (e instanceof MessageVanishedEvent v) for (long u : v.getUIDs()) vanished.add(u);
            if (e instanceof MessageChangedEvent c) changedUids.add(uid(f, c.getMessage()));
        }
        assertThat(vanished).containsExactly(3L, 5L);
        assertThat(changedUids).containsExactly(1L, 6L);
        assertThat(f.getHighestModSeq()).isEqualTo(serverHighest());
        assertThat(f.getMessageCount()).isEqualTo(4);
        assertThat(f.getMessageByUID(1).isSet(jakarta.mail.Flags.Flag.SEEN)).isTrue();
        f.close(false);
    }

    private static long uid(IMAPFolder f, Message m) {
        try {
            return f.getUID(m);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
