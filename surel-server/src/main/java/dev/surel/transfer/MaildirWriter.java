package dev.surel.transfer;

import dev.surel.protocol.imap.names.ModifiedUtf7;
import dev.surel.store.Flags;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a Maildir that Dovecot (and Surel's import) reads as it is: INBOX at the top, each
 * other folder a Maildir++ {@code .A.B} directory (levels in modified UTF-7, RFC 3501 §5.1.3; a
 * "." inside a level, which Maildir++ would take as a separator, is written as "_"), each message
 * written to {@code tmp/} and renamed into {@code cur/} as
 * {@code <time>.M<n>P<pid>.<host>,S=<octets>,W=<CRLF octets>:2,<flags>} with LF line endings and
 * its internal date as the file's time. Keywords get the letters a-z of the folder's
 * {@code dovecot-keywords}; a folder's 27th keyword and later ones cannot be written (warned).
 */
final class MaildirWriter implements ExportWriter {

    private final Path root;
    private final String host;
    private final long pid = ProcessHandle.current().pid();
    private final List<String> warnings = new ArrayList<>();
    private Path dir;
    private Map<String, Character> letters;
    private Map<Character, String> keywordNames;
    private long seq;
    private int droppedKeywords;

    MaildirWriter(Path root) throws IOException {
        this.root = root;
        Exports.requireEmpty(root);
        String h;
        try {
            h = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            h = "localhost";
        }
        this.host = h.replace("/", "\\057").replace(":", "\\072"); // as Dovecot escapes them
    }

    @Override
    public void beginFolder(FolderInfo folder) throws IOException {
        dir = folder.name().equals("INBOX") ? root : root.resolve("." + dirName(folder.name()));
        for (String sub : List.of("cur", "new", "tmp")) Files.createDirectories(dir.resolve(sub));
        if (!folder.name().equals("INBOX") && folder.name().contains(".")) {
            warnings.add("folder " + folder.name() + " written as " + dir.getFileName() + " (\".\" separates Maildir++ levels)");
        }
        letters = new LinkedHashMap<>();
        keywordNames = new LinkedHashMap<>();
        droppedKeywords = 0;
    }

    /** The Maildir++ directory name of a folder (without the leading "."). */
    static String dirName(String folder) {
        List<String> levels = new ArrayList<>();
        for (String level : folder.split("/")) {
            String l = ModifiedUtf7.encode(level).replace('.', '_');
            levels.add(l.isEmpty() ? "_" : l);
        }
        return String.join(".", levels);
    }

    @Override
    public void message(Flags flags, OffsetDateTime internalDate, long size, InputStream bytes) throws IOException {
        for (String k : flags.keywords()) {
            if (k.equalsIgnoreCase(MaildirFlags.FORWARDED)) continue;
            String lower = k.toLowerCase(Locale.ROOT);
            if (!letters.containsKey(lower)) {
                if (letters.size() < 26) {
                    char c = (char) ('a' + letters.size());
                    letters.put(lower, c);
                    keywordNames.put(c, k);
                } else {
                    droppedKeywords++;
                }
            }
        }
        long time = internalDate.toEpochSecond();
        String unique = time + ".M" + (++seq) + "P" + pid + "." + host;
        Path tmp = dir.resolve("tmp").resolve(unique);
        long lfSize;
        try (LfOutputStream out = new LfOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024))) {
            bytes.transferTo(out);
            out.finish();
            lfSize = out.count();
        }
        String name = unique + ",S=" + lfSize + ",W=" + size + ":2," + MaildirFlags.letters(flags, letters);
        Path target = dir.resolve("cur").resolve(name);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(target, FileTime.from(internalDate.toInstant()));
    }

    @Override
    public void endFolder() throws IOException {
        if (!letters.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<Character, String> e : keywordNames.entrySet()) b.append(e.getKey() - 'a').append(' ').append(e.getValue()).append('\n');
            Files.writeString(dir.resolve("dovecot-keywords"), b, StandardCharsets.UTF_8);
        }
        if (droppedKeywords > 0) {
            warnings.add(droppedKeywords + " keyword(s) of " + dir.getFileName() + " not written: a Maildir folder holds 26");
        }
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() {
    }
}
