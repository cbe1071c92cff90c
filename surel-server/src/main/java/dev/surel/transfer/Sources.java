package dev.surel.transfer;

import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** The import sources, for the CLI (their classes stay package-private). */
public final class Sources {
    private Sources() {
    }

    /** A Maildir; {@code dateFromName}: the internal date from the name's timestamp instead of the file time. */
    public static Source maildir(Path dir, Staging staging, boolean dateFromName) {
        return new MaildirSource(dir, staging, dateFromName);
    }

    /** An mbox file into {@code folder} (null: INBOX), or a tree of *.mbox files below {@code folder} (null: the top). */
    public static Source mbox(Path fileOrDir, String folder, Staging staging) {
        return new MboxSource(fileOrDir, folder, staging);
    }

    /** An IMAP server. */
    public static Source imap(ImapUrl url, char[] password, SSLContext tls, boolean verifyName, Staging staging, long maxSize)
            throws IOException {
        return new ImapSource(url, password, tls, verifyName, staging, maxSize);
    }
}
