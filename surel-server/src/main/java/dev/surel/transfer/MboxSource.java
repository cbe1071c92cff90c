package dev.surel.transfer;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An mbox file (mboxrd or mboxo, RFC 4155), or a directory tree of {@code *.mbox} files as
 * {@code surel export --mbox} writes them ({@code Archive/2024.mbox} is the folder
 * "Archive/2024"). A message starts at a {@code From } line at the start of the file, after an
 * empty line, or one that carries a readable date; the empty line before a {@code From } line
 * belongs to the separator. One {@code >} is taken off lines of {@code >From }, {@code >>From }...
 * (mboxrd; mboxo escaped only {@code >From }, and reads the same). The {@code From } line's date
 * (asctime, local time unless a zone follows) is the internal date. The mbox status fields of the
 * top header ({@code Status}, {@code X-Status}, {@code X-Keywords}, {@code X-UID}, {@code X-IMAP},
 * {@code X-IMAPbase}: what Dovecot, mutt and Thunderbird keep there) become flags ({@code R} seen;
 * {@code A} answered, {@code F} flagged, {@code T} draft, {@code D} deleted; keywords) and are
 * removed from the stored message, as Dovecot's mbox driver hides them.
 */
final class MboxSource implements Source {

    private static final Set<String> STATUS_FIELDS = Set.of("status", "x-status", "x-keywords", "x-uid", "x-imap", "x-imapbase");
    private static final List<DateTimeFormatter> FROM_DATES = List.of(
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d HH:mm yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy Z", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss Z yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss z yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy z", Locale.ENGLISH));

    private final Path path;
    private final String folder;
    private final Staging staging;

    /** {@code folder}: the target folder of a single file (null: INBOX), or the parent of a tree's folders. */
    MboxSource(Path path, String folder, Staging staging) {
        this.path = path;
        this.folder = folder;
        this.staging = staging;
    }

    @Override
    public List<Folder> folders() throws IOException {
        if (!Files.exists(path)) throw TransferException.noInput("no such file: " + path);
        List<Folder> out = new ArrayList<>();
        if (Files.isRegularFile(path)) {
            out.add(new Folder(folder == null ? "INBOX" : folder, null, count(path), path));
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(path)) {
            files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".mbox")).toList();
        }
        if (files.isEmpty()) throw TransferException.notRecognised(path + " holds no *.mbox file");
        for (Path f : files) {
            List<String> levels = new ArrayList<>();
            for (Path level : path.relativize(f)) levels.add(level.toString());
            String last = levels.removeLast();
            levels.add(last.substring(0, last.length() - ".mbox".length()));
            String name = String.join("/", levels);
            if (folder != null) name = folder + "/" + name;
            out.add(new Folder(name, null, count(f), f));
        }
        out.sort(Comparator.comparing((Folder f) -> !f.name().equalsIgnoreCase("INBOX")).thenComparing(Folder::name));
        return out;
    }

    /**
     * Messages in a file: its separator lines. A file whose first line that is not empty is no
     * {@code From } line is not mbox: refused before anything is imported.
     */
    static long count(Path file) throws IOException {
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            MboxLines lines = new MboxLines(in);
            boolean prevBlank = true;
            while (lines.next()) {
                if (isSeparator(lines, prevBlank)) n++;
                else if (n == 0 && !lines.isBlank()) throw notMbox(file);
                prevBlank = lines.isBlank();
            }
        }
        return n;
    }

    private static TransferException notMbox(Path file) {
        return TransferException.notRecognised(file + " is not an mbox file: it does not begin with a \"From \" line");
    }

    private static boolean isSeparator(MboxLines lines, boolean prevBlank) {
        return lines.startsWith("From ") && (prevBlank || fromDate(lines) != null);
    }

    @Override
    public void scan(Folder folder, Dedup present, Listener listener) throws IOException {
        Path file = (Path) folder.handle();
        OffsetDateTime fileTime = OffsetDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneId.systemDefault());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            new Reader(new MboxLines(in), file, fileTime, present, listener).run();
        }
    }

    /** The state of reading one file. */
    private final class Reader {
        private final MboxLines lines;
        private final Path file;
        private final OffsetDateTime fileTime;
        private final Dedup present;
        private final Listener listener;
        private Staging.Pending current;
        private OffsetDateTime date;
        private long number;
        private boolean inHeader;
        private boolean skippingField;
        private final EnumSet<Flag> system = EnumSet.noneOf(Flag.class);
        private final Set<String> keywords = new LinkedHashSet<>();
        private final byte[] pendingBlank = new byte[2];
        private int pendingBlankLength;
        private StringBuilder statusField;
        private String statusName;

        Reader(MboxLines lines, Path file, OffsetDateTime fileTime, Dedup present, Listener listener) {
            this.lines = lines;
            this.file = file;
            this.fileTime = fileTime;
            this.present = present;
            this.listener = listener;
        }

        void run() throws IOException {
            boolean prevBlank = true;
            try {
                while (lines.next()) {
                    if (isSeparator(lines, prevBlank)) {
                        finish();
                        start();
                        prevBlank = false;
                        continue;
                    }
                    boolean blank = lines.isBlank();
                    if (current == null) {
                        if (blank) continue;
                        throw notMbox(file);
                    }
                    if (pendingBlankLength > 0) {
                        current.write(pendingBlank, 0, pendingBlankLength);
                        pendingBlankLength = 0;
                    }
                    prevBlank = blank;
                    if (blank) { // held back: the last empty line before a "From " line is the separator's
                        System.arraycopy(lines.line, 0, pendingBlank, 0, lines.length);
                        pendingBlankLength = lines.length;
                        if (inHeader) endStatusField();
                        inHeader = false;
                        continue;
                    }
                    if (inHeader && header()) continue;
                    int off = 0;
                    if (lines.atLineStart() && isEscapedFrom()) off = 1;
                    current.write(lines.line, off, lines.length - off);
                }
                finish();
            } finally {
                if (current != null) current.close();
            }
        }

        /** A header piece: true when it belongs to a status field (kept out of the message). */
        private boolean header() {
            if (!lines.atLineStart()) return skippingField;
            byte first = lines.line[0];
            if (first == ' ' || first == '\t') {
                if (skippingField) statusField.append(' ').append(new String(lines.line, 0, lines.length, StandardCharsets.ISO_8859_1).strip());
                return skippingField;
            }
            endStatusField();
            int colon = -1;
            for (int i = 0; i < lines.length && i < 64; i++) {
                if (lines.line[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= 0) return false;
            String name = new String(lines.line, 0, colon, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
            if (!STATUS_FIELDS.contains(name)) return false;
            skippingField = true;
            statusName = name;
            statusField = new StringBuilder(new String(lines.line, colon + 1, lines.length - colon - 1, StandardCharsets.ISO_8859_1).strip());
            return true;
        }

        private void endStatusField() {
            if (!skippingField) return;
            skippingField = false;
            String v = statusField.toString();
            switch (statusName) {
                case "status" -> {
                    if (v.indexOf('R') >= 0) system.add(Flag.SEEN);
                }
                case "x-status" -> {
                    if (v.indexOf('A') >= 0) system.add(Flag.ANSWERED);
                    if (v.indexOf('F') >= 0) system.add(Flag.FLAGGED);
                    if (v.indexOf('T') >= 0) system.add(Flag.DRAFT);
                    if (v.indexOf('D') >= 0) system.add(Flag.DELETED);
                }
                case "x-keywords" -> {
                    for (String k : v.split("[ ,]+")) if (MaildirFlags.isAtom(k)) keywords.add(k);
                }
                default -> {
                    // X-UID, X-IMAP, X-IMAPbase: another server's bookkeeping
                }
            }
        }

        /** {@code >From }, {@code >>From }, ...: mboxrd's escape. */
        private boolean isEscapedFrom() {
            int i = 0;
            while (i < lines.length && lines.line[i] == '>') i++;
            if (i == 0 || lines.length - i < 5) return false;
            return lines.line[i] == 'F' && lines.line[i + 1] == 'r' && lines.line[i + 2] == 'o' && lines.line[i + 3] == 'm'
                    && lines.line[i + 4] == ' ';
        }

        private void start() throws IOException {
            number++;
            OffsetDateTime d = fromDate(lines);
            date = d != null ? d : fileTime;
            current = staging.open(true);
            inHeader = true;
            skippingField = false;
            system.clear();
            keywords.clear();
            pendingBlankLength = 0;
        }

        private void finish() throws IOException {
            if (current == null) return;
            pendingBlankLength = 0; // the separator's empty line
            if (inHeader) endStatusField();
            Staging.Pending p = current;
            current = null;
            try (p) {
                Staged m;
                try {
                    m = p.finish(new Flags(system, keywords), date);
                } catch (Staging.TooLarge e) {
                    listener.refused(file + " message " + number, e.getMessage());
                    return;
                }
                if (present.claim(m.key())) {
                    m.delete();
                    listener.present();
                } else {
                    listener.staged(m);
                }
            }
        }
    }

    /** The date of a {@code From sender date} line, or null when there is none to read. */
    static OffsetDateTime fromDate(MboxLines lines) {
        if (!lines.startsWith("From ")) return null;
        int end = lines.length;
        while (end > 0 && (lines.line[end - 1] == '\n' || lines.line[end - 1] == '\r')) end--;
        String text = new String(lines.line, 0, Math.min(end, 512), StandardCharsets.ISO_8859_1);
        return fromDate(text);
    }

    static OffsetDateTime fromDate(String line) {
        String rest = line.substring(5).strip();
        int sp = rest.indexOf(' ');
        if (sp < 0) return null;
        String date = rest.substring(sp + 1).strip().replaceAll("\\s+", " ");
        // the weekday ("Wed ") is not checked against the date: a wrong one still gives the date
        if (date.length() > 4 && date.charAt(3) == ' '
                && "Mon Tue Wed Thu Fri Sat Sun".contains(date.substring(0, 3))) date = date.substring(4);
        for (DateTimeFormatter f : FROM_DATES) {
            try {
                var parsed = f.parseBest(date, ZonedDateTime::from, LocalDateTime::from);
                if (parsed instanceof ZonedDateTime z) return z.toOffsetDateTime();
                LocalDateTime l = (LocalDateTime) parsed;
                return l.atZone(ZoneId.systemDefault()).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return null;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public String describe() {
        return "mbox " + path;
    }

    @Override
    public void close() {
    }
}
