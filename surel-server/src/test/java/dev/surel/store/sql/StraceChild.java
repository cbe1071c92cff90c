package dev.surel.store.sql;

import dev.surel.store.NewMessage;
import dev.surel.store.StoreSettings;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Run by {@link StraceTest} under strace: appends one message, then writes "ACK" to stdout. */
public final class StraceChild {
    public static void main(String[] args) throws Exception {
        try (SqlMailStore store = SqlMailStore.open(Path.of(args[0]), StoreSettings.defaults().withGcInterval(Duration.ZERO), Clock.systemUTC())) {
            long account = TestAccounts.create(store, "strace", null, null);
            long inbox = store.mailbox(account, "INBOX").id();
            byte[] msg = "Subject: strace\r\n\r\nIs it on disk before the ACK?\r\n".getBytes(StandardCharsets.US_ASCII);
            store.append(account, inbox, NewMessage.of(new ByteArrayInputStream(msg)));
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write("ACK\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
