package dev.surel.transfer;

import dev.surel.protocol.imap.names.ModifiedUtf7;
import dev.surel.store.Flags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Maildir as Dovecot and Courier keep it: messages in {@code cur/} and {@code new/} (never
 * {@code tmp/}: deliveries in progress), INBOX at the top, Maildir++ folders beside it as
 * {@code .Name} directories with "." as the hierarchy separator ({@code .Archive.2024} is
 * "Archive/2024") and names in modified UTF-7 (RFC 3501 §5.1.3) as Dovecot writes them. Flags
 * come from the file names ({@link MaildirFlags}, keywords through {@code dovecot-keywords}); the
 * internal date is the file's modification time (what Dovecot shows), or with
 * {@code dateFromName} the delivery timestamp at the start of the name. Messages go in
 * Dovecot's UID order when a {@code dovecot-uidlist} is there, else in name (delivery) order.
 */
final class MaildirSource implements Source {

    private final Path root;
    private final Staging staging;
    private final boolean dateFromName;

    MaildirSource(Path root, Staging staging, boolean dateFromName) {
        this.root = root;
        this.staging = staging;
        this.dateFromName = dateFromName;
    }

    static boolean isMaildir(Path dir) {
        return Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"));
    }

    @Override
    public List<Folder> folders() throws IOException {
        if (!Files.exists(root)) throw TransferException.noInput("no such directory: " + root);
        if (!Files.isDirectory(root)) throw TransferException.notRecognised(root + " is not a Maildir: it is not a directory");
        if (!isMaildir(root)) throw TransferException.notRecognised(root + " is not a Maildir: it has no cur/ or new/ directory");
        List<Folder> out = new ArrayList<>();
        out.add(new Folder("INBOX", null, count(root), root));
        List<Folder> subs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") || n.equals(".") || n.equals("..") || !Files.isDirectory(p) || !isMaildir(p)) continue;
                String name = folderName(n.substring(1));
                if (name == null) continue;
                subs.add(new Folder(name, null, count(p), p));
            }
        }
        subs.sort(Comparator.comparing(Folder::name));
        out.addAll(subs);
        return out;
    }

    /** Surel's name of a Maildir++ folder directory (without its leading "."): levels split at ".", modified UTF-7 decoded. */
    static String folderName(String dotted) {
        List<String> levels = new ArrayList<>();
        for (String level : dotted.split("\\.", -1)) {
            if (level.isEmpty()) continue;
            String decoded;
            try {
                decoded = ModifiedUtf7.decode(level);
            } catch (IllegalArgumentException e) {
                decoded = level; // not modified UTF-7 (a UTF-8 Maildir): as it is
            }
            levels.add(decoded);
        }
        if (levels.isEmpty()) return null;
        if (levels.getFirst().equalsIgnoreCase("INBOX") && levels.size() == 1) return null; // ".INBOX" is not a second INBOX
        return String.join("/", levels);
    }

    private static long count(Path dir) throws IOException {
        return files(dir.resolve("cur")).size() + files(dir.resolve("new")).size();
    }

    private static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) out.add(p);
            }
        }
        return out;
    }

    @Override
    public void scan(Folder folder, Dedup present, Listener listener) throws IOException {
        Path dir = (Path) folder.handle();
        Map<Integer, String> keywords = MaildirFlags.readKeywords(dir);
        Map<String, Long> uids = readUidList(dir);
        List<Path> all = new ArrayList<>(files(dir.resolve("new")));
        all.addAll(files(dir.resolve("cur")));
        all.sort(Comparator.comparing((Path p) -> uids.getOrDefault(MaildirFlags.base(p.getFileName().toString()), Long.MAX_VALUE))
                .thenComparing(p -> p.getFileName().toString()));
        for (Path file : all) {
            String name = file.getFileName().toString();
            boolean isNew = file.getParent().getFileName().toString().equals("new");
            Flags flags = isNew ? Flags.NONE : MaildirFlags.parse(name, keywords);
            Staged m;
            try (InputStream in = Files.newInputStream(file)) {
                m = staging.stage(in, true, flags, date(file, name));
            } catch (NoSuchFileException e) {
                listener.refused(file.toString(), "gone while reading (a mail client moved it): run the import again");
                continue;
            } catch (AccessDeniedException e) {
                listener.refused(file.toString(), "cannot read it: permission denied");
                continue;
            } catch (Staging.TooLarge e) {
                listener.refused(file.toString(), e.getMessage());
                continue;
            }
            if (present.claim(m.key())) {
                m.delete();
                listener.present();
            } else {
                listener.staged(m);
            }
        }
    }

    private OffsetDateTime date(Path file, String name) throws IOException {
        if (dateFromName) {
            int dot = name.indexOf('.');
            try {
                long secs = Long.parseLong(dot < 0 ? name : name.substring(0, dot));
                return OffsetDateTime.ofInstant(Instant.ofEpochSecond(secs), ZoneId.systemDefault());
            } catch (NumberFormatException e) {
                // no timestamp in the name: the file's time
            }
        }
        return OffsetDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneId.systemDefault());
    }

    /** Dovecot's {@code dovecot-uidlist}: "uid [extensions] :base-name" per line after the header. */
    private static Map<String, Long> readUidList(Path dir) throws IOException {
        Map<String, Long> out = new HashMap<>();
        Path f = dir.resolve("dovecot-uidlist");
        if (!Files.isRegularFile(f)) return out;
        List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int sp = line.indexOf(' ');
            int colon = line.indexOf(':', Math.max(sp, 0));
            if (sp <= 0 || colon < 0) continue;
            try {
                out.put(line.substring(colon + 1), Long.parseLong(line.substring(0, sp)));
            } catch (NumberFormatException e) {
                // not a record line
            }
        }
        return out;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public String describe() {
        return "Maildir " + root;
    }

    @Override
    public void close() {
    }
}
