package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.MessageMeta;
import dev.surel.store.UidRange;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Mail (Angus Mail 2.0.5) against Surel over a real socket: folders, APPEND, FETCH of
 * envelope, structure and parts, flags and keywords, SEARCH, and IDLE with mail delivered by
 * {@code surel deliver} in another process.
 */
class JakartaMailInteropTest {
    static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).perTest();
    Store store;

    @BeforeEach
    void start() throws Exception {
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
        if (store != null && store.isConnected()) {
            store.close();
        }
        if (fx != null) {
        }
    }

    private MimeMessage sample() throws Exception {
        MimeMessage m = new MimeMessage((Session) null);
        m.setFrom(new InternetAddress("jorg@example.org", "Jörg Müller", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, "alice@example.test");
        m.setSubject("Grüße aus Köln", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hallo Alice, das Café hat geöffnet.", "UTF-8");
        MimeBodyPart att = new MimeBodyPart();
        att.setContent(new byte[] {1, 2, 3, 4, 5}, "application/octet-stream");
        att.setFileName("data.bin");
        att.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMultipart mp = new MimeMultipart();
        mp.addBodyPart(text);
        mp.addBodyPart(att);
        m.setContent(mp);
        m.saveChanges();
        return m;
    }

    @Test
    void foldersCreateListRenameDelete() throws Exception {
        Folder projects = store.getFolder("Projects/2026");
        assertThat(projects.create(Folder.HOLDS_MESSAGES)).isTrue();
        assertThat(projects.exists()).isTrue();
        assertThat(store.getDefaultFolder().getSeparator()).isEqualTo('/');
        List<String> names = Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName).toList();
        assertThat(names).contains("INBOX", "Projects", "Projects/2026", "Sent", "Trash", "Drafts");
        Folder unicode = store.getFolder("Entwürfe/Ünïcödé");
        assertThat(unicode.create(Folder.HOLDS_MESSAGES)).isTrue();
        assertThat(Arrays.stream(store.getDefaultFolder().list("Entw*")).map(Folder::getFullName))
                .contains("Entwürfe", "Entwürfe/Ünïcödé");
        assertThat(fx.store().listMailboxes(fx.alice())).extracting(mb -> mb.name()).contains("Entwürfe/Ünïcödé");

        projects.setSubscribed(true);
        assertThat(Arrays.stream(store.getDefaultFolder().listSubscribed("Projects/*")).map(Folder::getFullName))
                .containsExactly("Projects/2026");
        Folder renamed = store.getFolder("Archive/P2026");
        assertThat(projects.renameTo(renamed)).isTrue();
        assertThat(store.getFolder("Projects/2026").exists()).isFalse();
        assertThat(renamed.exists()).isTrue();
        assertThat(renamed.delete(false)).isTrue();
        assertThat(store.getFolder("Archive/P2026").exists()).isFalse();
    }

    @Test
    void appendFetchFlagsSearch() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.appendMessages(new Message[] {sample()});
        assertThat(inbox.getMessageCount()).isEqualTo(1); // EXISTS after our own APPEND
        fx.deliver(fx.alice(), "INBOX", "From: bob@example.net\nSubject: plain one\nDate: Mon, 23 Nov 2026 10:00:00 +1400\n\nneedle in body\n");
        inbox.doCommand(protocol -> {
            protocol.noop(); // the delivery is announced as EXISTS at the next command
            return null;
        });
        assertThat(inbox.getMessageCount()).isEqualTo(2);

        Message[] msgs = inbox.getMessages();
        FetchProfile fp = new FetchProfile();
        fp.add(FetchProfile.Item.ENVELOPE);
        fp.add(FetchProfile.Item.FLAGS);
        fp.add(FetchProfile.Item.CONTENT_INFO);
        fp.add(UIDFolder.FetchProfileItem.UID);
        inbox.fetch(msgs, fp);
        Message first = msgs[0];
        assertThat(first.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(((InternetAddress) first.getFrom()[0]).getPersonal()).isEqualTo("Jörg Müller");
        assertThat(first.isMimeType("multipart/mixed")).isTrue();
        Multipart mp = (Multipart) first.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        assertThat(mp.getBodyPart(0).getContent()).isEqualTo("Hallo Alice, das Café hat geöffnet.");
        BodyPart att = mp.getBodyPart(1);
        assertThat(att.getFileName()).isEqualTo("data.bin");
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        att.getInputStream().transferTo(bin);
        assertThat(bin.toByteArray()).containsExactly(1, 2, 3, 4, 5);
        long uid1 = inbox.getUID(first);
        assertThat(uid1).isPositive();
        assertThat(first.getSize()).isEqualTo((int) fx.store().fetch(fx.alice(), fx.mailbox(fx.alice(), "INBOX"), List.of(uid1)).getFirst().size());

        // flags and a keyword, seen by the store
        first.setFlag(Flags.Flag.FLAGGED, true);
        first.setFlags(new Flags("$Project"), true);
        msgs[1].setFlag(Flags.Flag.SEEN, true);
        MessageMeta meta = fx.store().fetch(fx.alice(), fx.mailbox(fx.alice(), "INBOX"), List.of(uid1)).getFirst();
        assertThat(meta.flags().has(Flag.FLAGGED)).isTrue();
        assertThat(meta.flags().keywords()).contains("$Project");

        // SEARCH: encoded-word subject, decoded From, body text, flags
        assertThat(inbox.search(new SubjectTerm("gruesse"))).isEmpty(); // ü is not ue
        assertThat(inbox.search(new SubjectTerm("GRÜSSE AUS"))).containsExactly(first); // ß folds to SS
        assertThat(inbox.search(new FromStringTerm("müller"))).containsExactly(first);
        assertThat(inbox.search(new BodyTerm("café hat"))).containsExactly(first);
        assertThat(inbox.search(new BodyTerm("NEEDLE"))).containsExactly(msgs[1]);
        assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))).isEmpty(); // BODY[1] set \\Seen
        assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true))).containsExactly(first);
        assertThat(inbox.search(new AndTerm(new FlagTerm(new Flags("$project"), true), new SubjectTerm("köln"))))
                .containsExactly(first);

        // delete and expunge
        first.setFlag(Flags.Flag.DELETED, true);
        inbox.expunge();
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        assertThat(fx.store().messages(fx.alice(), fx.mailbox(fx.alice(), "INBOX"), new UidRange(1, Long.MAX_VALUE))).hasSize(1);
        inbox.close(false);
    }

    @Test
    void copyAndMoveBetweenFolders() throws Exception {
        fx.deliver(fx.alice(), "INBOX", "Subject: one\n\n1\n");
        fx.deliver(fx.alice(), "INBOX", "Subject: two\n\n2\n");
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Folder archive = store.getFolder("Archive");
        inbox.copyMessages(new Message[] {inbox.getMessage(1)}, archive);
        Message moved = inbox.getMessage(2);
        inbox.moveMessages(new Message[] {moved}, archive);
        assertThat(moved.isExpunged()).as("MOVE sent an untagged EXPUNGE").isTrue();
        inbox.close(false);
        inbox.open(Folder.READ_WRITE);
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        archive.open(Folder.READ_ONLY);
        assertThat(Arrays.stream(archive.getMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly("one", "two");
        archive.close(false);
        inbox.close(false);
    }

    /** IDLE: a message delivered by {@code surel deliver} (another process) reaches the idling client. */
    @Test
    void idleSeesMailDeliveredByTheCli() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        BlockingQueue<Long> arrived = new ArrayBlockingQueue<>(10);
        inbox.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                arrived.add(System.nanoTime());
            }
        });
        Thread idler = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (inbox.isOpen()) {
                    inbox.idle();
                }
            } catch (Exception ignored) {
                // folder closed
            }
        });
        Thread.sleep(300); // let IDLE start (the client sends it from its thread)
        long started = System.nanoTime();
        Tools.Result r = Tools.surel("Subject: pushed\r\n\r\nhello\r\n".getBytes(StandardCharsets.UTF_8),
                "--config", fx.configFile().toString(), "deliver", "--to", ALICE);
        long delivered = System.nanoTime();
        assertThat(r.exit()).as(r.toString()).isZero();
        Long at = arrived.poll(10, TimeUnit.SECONDS);
        assertThat(at).as("EXISTS pushed during IDLE").isNotNull();
        System.out.printf("IDLE push: %.1f ms after surel deliver started (a JVM start), %.1f ms after it exited"
                + " (negative: pushed before the process had ended)%n", (at - started) / 1e6, (at - delivered) / 1e6);
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        ((IMAPStore) store).close();
        idler.join(5000);
    }
}
