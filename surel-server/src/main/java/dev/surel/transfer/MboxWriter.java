package dev.surel.transfer;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes one mboxrd file (RFC 4155) per folder: "INBOX" is {@code INBOX.mbox}, "Archive/2024"
 * is {@code Archive/2024.mbox} (a "." or ".." level is written as "_"). Each message starts
 * with {@code From MAILER-DAEMON <asctime>} (its internal date, local time), has LF line endings,
 * {@code >} added before every line of {@code From }, {@code >From }, ... and an empty line after
 * it. Flags go in the header fields mbox readers know: {@code Status: RO} (R when seen),
 * {@code X-Status} (A answered, F flagged, T draft, D deleted) and {@code X-Keywords}; such fields
 * already in the message are replaced. Surel's import takes them out again, so a message reads
 * back with its octets, flags and date (one that does not end with a line break gains one).
 */
final class MboxWriter implements ExportWriter {

    static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);
    private static final Set<String> STATUS_FIELDS = Set.of("status", "x-status", "x-keywords", "x-uid", "x-imap", "x-imapbase");

    private final Path root;
    private final List<String> warnings = new ArrayList<>();
    private OutputStream out;

    MboxWriter(Path root) throws IOException {
        this.root = root;
        Exports.requireEmpty(root);
    }

    /** The file of a folder below {@code root}. */
    static Path file(Path root, String folder) {
        Path p = root;
        String[] levels = folder.split("/");
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i].isEmpty() || levels[i].equals(".") || levels[i].equals("..") ? "_" : levels[i];
            p = p.resolve(i == levels.length - 1 ? l + ".mbox" : l);
        }
        return p;
    }

    @Override
    public void beginFolder(FolderInfo folder) throws IOException {
        Path f = file(root, folder.name());
        Files.createDirectories(f.getParent());
        out = new BufferedOutputStream(Files.newOutputStream(f), 64 * 1024);
    }

    @Override
    public void message(Flags flags, OffsetDateTime internalDate, long size, InputStream bytes) throws IOException {
        String from = "From MAILER-DAEMON " + ASCTIME.format(internalDate.atZoneSameInstant(ZoneId.systemDefault())) + "\n";
        out.write(from.getBytes(StandardCharsets.US_ASCII));
        MboxLines lines = new MboxLines(bytes);
        boolean inHeader = true;
        boolean skipping = false;
        boolean endsWithNewline = true;
        while (lines.next()) {
            int len = lines.length;
            boolean newline = len > 0 && lines.line[len - 1] == '\n';
            if (newline) {
                len--;
                if (len > 0 && lines.line[len - 1] == '\r') len--;
            }
            if (inHeader && lines.atLineStart()) {
                boolean blank = len == 0 && newline;
                byte first = len > 0 ? lines.line[0] : 0;
                if (blank) {
                    writeStatus(flags);
                    inHeader = false;
                } else if (first == ' ' || first == '\t') {
                    if (skipping) continue;
                } else {
                    skipping = isStatusField(lines.line, len);
                    if (skipping) continue;
                }
            } else if (inHeader && skipping) {
                continue;
            }
            if (lines.atLineStart() && isFromLine(lines.line, len)) out.write('>');
            out.write(lines.line, 0, len);
            if (newline) out.write('\n');
            endsWithNewline = newline;
        }
        if (inHeader) {
            if (!endsWithNewline) out.write('\n');
            writeStatus(flags); // a message of header only: the fields end it
            endsWithNewline = true;
        }
        if (!endsWithNewline) out.write('\n');
        out.write('\n');
    }

    private void writeStatus(Flags flags) throws IOException {
        StringBuilder b = new StringBuilder("Status: ").append(flags.has(Flag.SEEN) ? "RO" : "O").append('\n');
        StringBuilder x = new StringBuilder();
        if (flags.has(Flag.ANSWERED)) x.append('A');
        if (flags.has(Flag.FLAGGED)) x.append('F');
        if (flags.has(Flag.DRAFT)) x.append('T');
        if (flags.has(Flag.DELETED)) x.append('D');
        if (!x.isEmpty()) b.append("X-Status: ").append(x).append('\n');
        if (!flags.keywords().isEmpty()) b.append("X-Keywords: ").append(String.join(" ", flags.keywords())).append('\n');
        out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isStatusField(byte[] line, int len) {
        for (int i = 0; i < len && i < 64; i++) {
            if (line[i] == ':') {
                return STATUS_FIELDS.contains(new String(line, 0, i, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** {@code From }, {@code >From }, {@code >>From }...: lines mboxrd escapes with one more {@code >}. */
    static boolean isFromLine(byte[] line, int len) {
        int i = 0;
        while (i < len && line[i] == '>') i++;
        return len - i >= 5 && line[i] == 'F' && line[i + 1] == 'r' && line[i + 2] == 'o' && line[i + 3] == 'm' && line[i + 4] == ' ';
    }

    @Override
    public void endFolder() throws IOException {
        out.close();
        out = null;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
    }
}
