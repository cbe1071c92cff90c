package dev.surel.store.sql;

import dev.surel.store.Appended;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.store.NewMessage;
import dev.surel.store.StoreSettings;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The process {@link CrashTest} kills: appends messages (CRLF-canonical already, so their
 * SHA-256 is known in advance) from a few threads, forever, and prints
 * {@code ACK <mailbox> <uid> <sha256>} after each append returned. Args: data dir, seed.
 */
public final class CrashChild {
    static final List<String> MAILBOXES = List.of("INBOX", "Archive");
    static final String USER = "crash";

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.US_ASCII);
        SqlMailStore store = SqlMailStore.open(data, StoreSettings.defaults().withGcInterval(Duration.ZERO), Clock.systemUTC());
        long account = TestAccounts.find(store, USER);
        if (account < 0) account = TestAccounts.create(store, USER, null, null);
        long acct = account;
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            Random rnd = new Random(seed * 31 + t);
            threads[t] = new Thread(() -> {
                try {
                    while (true) {
                        String mailbox = MAILBOXES.get(rnd.nextInt(MAILBOXES.size()));
                        long mailboxId = store.mailbox(acct, mailbox).id();
                        int size = rnd.nextInt(10) < 8 ? 100 + rnd.nextInt(5000) : rnd.nextInt(300_000);
                        byte[] content = message(rnd, size);
                        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                        Appended a = store.append(acct, mailboxId, new NewMessage(new ByteArrayInputStream(content), Flags.NONE, null));
                        if (!a.blobHash().equals(hash)) throw new IllegalStateException("hash mismatch " + a + " " + hash);
                        synchronized (out) {
                            out.println("ACK " + mailbox + " " + a.uid() + " " + hash);
                            out.flush();
                        }
                        if (rnd.nextInt(5) == 0) {
                            store.updateFlags(acct, mailboxId, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(3);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
    }

    /** A message of about {@code size} bytes with CRLF line ends only. */
    static byte[] message(Random rnd, int size) {
        StringBuilder sb = new StringBuilder(size + 100);
        sb.append("Subject: crash ").append(rnd.nextLong()).append("\r\n\r\n");
        while (sb.length() < size) {
            int line = 1 + rnd.nextInt(76);
            for (int i = 0; i < line; i++) sb.append((char) ('a' + rnd.nextInt(26)));
            sb.append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
