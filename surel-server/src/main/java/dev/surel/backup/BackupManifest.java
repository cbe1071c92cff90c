package dev.surel.backup;

import dev.surel.store.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The file {@code manifest} of a backup directory: what the backup holds and how to verify it.
 * It is written last (temp file, fsync, rename, fsync of the directory), so a directory without
 * it is an interrupted backup. Plain text, one {@code key value} per line:
 *
 * <pre>
 * surel-backup 1
 * created 2026-12-08T10:15:30Z
 * made-by Surel 0.1.0
 * schema-version 4
 * accounts 3
 * mailboxes 36
 * messages 1200
 * tombstones 12
 * queued-messages 2
 * message-files 1180
 * message-bytes 73400320
 * database surel.db 1048576 &lt;sha-256 hex&gt;
 * file tls/selfsigned.key 241 &lt;sha-256 hex&gt;
 * end
 * </pre>
 * Message files are not listed one by one: each is named by its SHA-256, which restore checks
 * while copying, and their number and total size must match. Unknown keys are skipped (a later
 * Surel may add some within format 1); a higher format number is refused.
 *
 * @param files the other files (TLS material), paths relative to the backup directory
 */
public record BackupManifest(int format, Instant created, String madeBy, StoreSnapshot.Counts counts,
                             FileEntry database, List<FileEntry> files) {

    public static final String NAME = "manifest";
    public static final int FORMAT = 1;
    private static final String MAGIC = "surel-backup";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A domain directory under {@code dkim/}: a lower-case domain name, never "." or "..". */
    static final Pattern DKIM_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}(\\.[a-z0-9][a-z0-9-]{0,62}){1,20}");
    /**
     * Where a listed file may be: {@code tls/<name>} or {@code dkim/<domain>/<name>}, nothing else (a
     * manifest never writes outside the data directory).
     */
    private static final Pattern FILE_PATH = Pattern.compile("(tls|dkim/" + DKIM_DOMAIN.pattern() + ")/[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public BackupManifest {
        files = List.copyOf(files);
    }

    /** A file with its size and SHA-256 (hex). */
    public record FileEntry(String path, long size, String sha256) {
    }

    /** The manifest's text. */
    public byte[] toBytes() {
        StringBuilder b = new StringBuilder();
        b.append(MAGIC).append(' ').append(format).append('\n');
        b.append("created ").append(created).append('\n');
        b.append("made-by ").append(madeBy.replaceAll("[\\r\\n]", " ")).append('\n');
        b.append("schema-version ").append(counts.schemaVersion()).append('\n');
        b.append("accounts ").append(counts.accounts()).append('\n');
        b.append("mailboxes ").append(counts.mailboxes()).append('\n');
        b.append("messages ").append(counts.messages()).append('\n');
        b.append("tombstones ").append(counts.tombstones()).append('\n');
        b.append("queued-messages ").append(counts.queuedMessages()).append('\n');
        b.append("message-files ").append(counts.blobs()).append('\n');
        b.append("message-bytes ").append(counts.blobBytes()).append('\n');
        b.append("database ").append(entry(database)).append('\n');
        for (FileEntry f : files) b.append("file ").append(entry(f)).append('\n');
        b.append("end\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String entry(FileEntry f) {
        return f.path() + " " + f.size() + " " + f.sha256();
    }

    /**
     * Parses a manifest; {@code where} names it in messages. Anything malformed, truncated (no
     * {@code end}) or of a later format is a {@link BackupException} (EX_DATAERR).
     */
    public static BackupManifest parse(byte[] text, String where) {
        List<String> lines = new String(text, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.getFirst().startsWith(MAGIC + " ")) throw bad(where, "not a Surel backup manifest");
        int format;
        try {
            format = Integer.parseInt(lines.getFirst().substring(MAGIC.length() + 1).strip());
        } catch (NumberFormatException e) {
            throw bad(where, "bad format line \"" + lines.getFirst() + "\"");
        }
        if (format > FORMAT) {
            throw new BackupException(BackupException.DATAERR, where + ": backup format " + format
                    + " was written by a newer Surel (this one reads format " + FORMAT + "): restore it with that version");
        }
        if (format < 1) throw bad(where, "bad format " + format);
        if (!lines.getLast().equals("end")) throw bad(where, "truncated (no \"end\" line)");
        Map<String, String> values = new HashMap<>();
        FileEntry database = null;
        List<FileEntry> files = new ArrayList<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            int sp = line.indexOf(' ');
            if (sp <= 0) throw bad(where, "bad line \"" + line + "\"");
            String key = line.substring(0, sp);
            String value = line.substring(sp + 1);
            switch (key) {
                case "database" -> database = fileEntry(value, where);
                case "file" -> {
                    FileEntry f = fileEntry(value, where);
                    if (!FILE_PATH.matcher(f.path()).matches()) throw bad(where, "file outside tls/ and dkim/: \"" + f.path() + "\"");
                    files.add(f);
                }
                default -> values.put(key, value);
            }
        }
        if (database == null || !database.path().equals("surel.db")) throw bad(where, "no \"database surel.db\" line");
        Instant created;
        try {
            created = Instant.parse(required(values, "created", where));
        } catch (DateTimeParseException e) {
            throw bad(where, "bad created time");
        }
        StoreSnapshot.Counts counts = new StoreSnapshot.Counts((int) number(values, "schema-version", where),
                number(values, "accounts", where), number(values, "mailboxes", where), number(values, "messages", where),
                number(values, "tombstones", where), number(values, "queued-messages", where),
                number(values, "message-files", where), number(values, "message-bytes", where));
        return new BackupManifest(format, created, values.getOrDefault("made-by", "unknown"), counts, database, files);
    }

    private static FileEntry fileEntry(String value, String where) {
        String[] f = value.split(" ");
        if (f.length != 3 || !SHA256.matcher(f[2]).matches()) throw bad(where, "bad file entry \"" + value + "\"");
        try {
            long size = Long.parseLong(f[1]);
            if (size < 0) throw bad(where, "bad file entry \"" + value + "\"");
            return new FileEntry(f[0], size, f[2]);
        } catch (NumberFormatException e) {
            throw bad(where, "bad file entry \"" + value + "\"");
        }
    }

    private static String required(Map<String, String> values, String key, String where) {
        String v = values.get(key);
        if (v == null) throw bad(where, "no \"" + key + "\" line");
        return v.strip();
    }

    private static long number(Map<String, String> values, String key, String where) {
        try {
            long n = Long.parseLong(required(values, key, where));
            if (n < 0) throw bad(where, key + " is negative");
            return n;
        } catch (NumberFormatException e) {
            throw bad(where, "\"" + key + "\" is not a number");
        }
    }

    private static BackupException bad(String where, String why) {
        return new BackupException(BackupException.DATAERR, where + ": " + why + " (damaged or not a Surel backup)");
    }
}
