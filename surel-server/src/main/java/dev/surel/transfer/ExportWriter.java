package dev.surel.transfer;

import dev.surel.store.Flags;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;

/** Where an export writes: a Maildir ({@link MaildirWriter}) or a tree of mbox files ({@link MboxWriter}). */
interface ExportWriter extends AutoCloseable {

    void beginFolder(FolderInfo folder) throws IOException;

    /** One message of the current folder: {@code size} CRLF octets from {@code bytes}. */
    void message(Flags flags, OffsetDateTime internalDate, long size, InputStream bytes) throws IOException;

    void endFolder() throws IOException;

    /** Warnings for the summary (keywords a format cannot hold, renamed folders); empty when none. */
    java.util.List<String> warnings();

    @Override
    void close() throws IOException;
}
