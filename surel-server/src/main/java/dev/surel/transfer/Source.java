package dev.surel.transfer;

import dev.surel.store.SpecialUse;
import java.io.IOException;
import java.util.List;

/**
 * Where an import reads from: a Maildir, an mbox file (or a tree of them), or an IMAP server.
 * Folders come with Surel's names ("/" as the hierarchy delimiter); each folder's messages are
 * staged one at a time and handed on.
 */
public interface Source extends AutoCloseable {

    /** The folders to import, INBOX first. */
    List<Folder> folders() throws IOException;

    /**
     * Stages the messages of {@code folder} that {@code present} does not claim, in the source's
     * order, and hands each to {@code listener}.
     */
    void scan(Folder folder, Dedup present, Listener listener) throws IOException;

    /** True when the octets are kept as the source gives them (IMAP); false when line endings become CRLF (files). */
    boolean exact();

    /** A short description for messages ("Maildir /home/alice/Maildir"). */
    String describe();

    @Override
    void close();

    /**
     * One source folder.
     *
     * @param name       Surel's name for it
     * @param specialUse RFC 6154 use the source gives it, or null
     * @param messages   how many messages it holds (for the progress bar)
     * @param handle     the source's own reference (a path, a wire name)
     */
    record Folder(String name, SpecialUse specialUse, long messages, Object handle) {
    }

    /** What a scan tells the import. */
    interface Listener {
        /** A message to store (its temp file is the listener's now). */
        void staged(Staged message) throws IOException;

        /** A message already in the target folder. */
        void present();

        /** A message that could not be read or is refused (too large): skipped, named in the summary. */
        void refused(String what, String why);
    }
}
