package dev.surel.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.search.SearchEvaluator;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.server.SurelServer;
import dev.surel.store.MailStore;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.UidRange;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SEARCH over stored messages: the adapter gives the evaluator headers and decoded bodies from the store. */
class StoreSearchMessageTest {

    @TempDir Path dir;

    @Test
    void searchesStoredMessages() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"mx.example.test\"\ndata_dir = \"data\"\n");
        try (SurelServer server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC())) {
            server.services().directory().addDomain("example.test");
            long alice = server.services().directory().addUser("alice@example.test", "pw".toCharArray()).id();
            MailStore store = server.services().store();
            long inbox = store.mailbox(alice, "INBOX").id();
            String b64 = java.util.Base64.getMimeEncoder().encodeToString("Grüße aus Zürich".getBytes(StandardCharsets.ISO_8859_1));
            append(store, alice, inbox, "Subject: =?UTF-8?Q?Caf=C3=A9?=\r\nDate: Mon, 23 Nov 2026 10:00 +0000\r\n\r\nplain body\r\n");
            append(store, alice, inbox, "Subject: second\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n");
            List<MessageMeta> metas = store.messages(alice, inbox, new UidRange(1, Long.MAX_VALUE));
            assertThat(metas).hasSize(2);

            assertThat(search(store, alice, metas, new SearchKey.AddressOrSubject(SearchKey.HeaderKind.SUBJECT, "CAFÉ"))).containsExactly(1L);
            assertThat(search(store, alice, metas, new SearchKey.Body("ZÜRICH"))).containsExactly(2L);
            assertThat(search(store, alice, metas, new SearchKey.Text("plain body"))).containsExactly(1L);
            assertThat(search(store, alice, metas, new SearchKey.Date(SearchKey.DateField.SENT, SearchKey.DateOp.ON,
                    LocalDate.of(2026, 11, 23)))).containsExactly(1L);
            assertThat(search(store, alice, metas, new SearchKey.Flag(SearchKey.SystemFlag.RECENT, true))).containsExactly(2L);
        }
    }

    private static void append(MailStore store, long account, long mailbox, String msg) {
        store.append(account, mailbox, NewMessage.of(new ByteArrayInputStream(msg.getBytes(StandardCharsets.UTF_8))));
    }

    private static List<Long> search(MailStore store, long account, List<MessageMeta> metas, SearchKey key) throws Exception {
        SearchEvaluator ev = new SearchEvaluator(metas.size(), metas.getLast().uid());
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < metas.size(); i++) {
            MessageMeta m = metas.get(i);
            boolean recent = i == 1;
            if (ev.matches(key, new StoreSearchMessage(store, account, m, i + 1, recent, MimeSettings.defaults()))) {
                out.add(m.uid());
            }
        }
        return out;
    }
}
