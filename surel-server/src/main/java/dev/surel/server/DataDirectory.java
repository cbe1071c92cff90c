package dev.surel.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory as a place on disk: whether a store is there, creating it, and saying
 * plainly why it cannot be used.
 *
 * <p>A store exists when {@code <data_dir>/surel.db} exists. Who may create one: {@code serve}
 * (the README's first start), and the administrative commands only when asked (their
 * {@code --create}, or a configuration file whose {@code data_dir} names the place); never an
 * administrative command that merely ran in another working directory (see
 * docs/adr/0006-store-creation.md).
 *
 * <p>Error texts name the path and the reason the system gave, in words: "permission denied",
 * "is not a directory", "no such file or directory", "read-only file system".
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** Whether a store (its metadata database) is in {@code dir}. */
    public static boolean hasStore(Path dir) {
        return Files.exists(dir.resolve(Services.DATABASE));
    }

    /**
     * Makes sure {@code dir} is a directory we can use, creating it (and missing parents) when
     * absent. Returns true when this call created it. Throws {@link IOException} whose message
     * is {@link #describe}d.
     */
    public static boolean prepare(Path dir) throws IOException {
        boolean existed = Files.exists(dir);
        if (existed && !Files.isDirectory(dir)) throw new IOException(dir + " is not a directory");
        for (Path p = dir.getParent(); !existed && p != null; p = p.getParent()) { // the nearest existing ancestor
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) throw new IOException(p + " is not a directory (cannot create " + dir + " in it)");
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(describe(e), e);
        }
        if (!Files.isWritable(dir) || !Files.isExecutable(dir)) throw new NoAccess(dir + ": permission denied");
        return !existed;
    }

    /**
     * Fails when {@code dir} exists but this process may not look into it (so a store in it
     * could not even be seen): "permission denied", not "no store here".
     */
    public static void checkAccessible(Path dir) throws NoAccess {
        if (Files.isDirectory(dir) && (!Files.isReadable(dir) || !Files.isExecutable(dir))) {
            throw new NoAccess(dir + ": permission denied");
        }
    }

    /** The data directory exists but this process may not use it (sysexits EX_NOPERM, 77, at the CLI). */
    public static final class NoAccess extends IOException {
        private static final long serialVersionUID = 1L;

        public NoAccess(String message) {
            super(message);
        }
    }

    /** The names in {@code dir} now (empty when it does not exist): what a failed start must leave. */
    public static Set<Path> entries(Path dir) {
        if (!Files.isDirectory(dir)) return Set.of();
        try (Stream<Path> s = Files.list(dir)) {
            return new HashSet<>(s.map(Path::getFileName).toList());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * Undoes a failed start: removes {@code dir} entirely when the start created it, else every
     * entry that was not there before ({@code before}), except an existing store's database
     * files. Failures to remove are ignored (the
     * start's own error is what the administrator needs).
     */
    public static void removeCreated(Path dir, boolean created, Set<Path> before) {
        if (!Files.isDirectory(dir)) return;
        boolean hadStore = before.contains(Path.of(Services.DATABASE));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                // an existing store's database files (a new -wal, -shm) stay: they may hold its commits
                boolean storeFile = hadStore && p.getFileName().toString().startsWith(Services.DATABASE);
                if (created || !before.contains(p.getFileName()) && !storeFile) deleteTree(p);
            }
            if (created) Files.deleteIfExists(dir);
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    /**
     * A failure in words: the innermost I/O error's {@link #describe(IOException)} (with the
     * outer message when it adds something), else the message.
     */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io && !(t.getCause() instanceof IOException)) {
                String d = describe(io);
                if (t == e || e.getMessage() == null || e.getMessage().contains(d)) return d;
                return e.getMessage().contains(io.getMessage() == null ? "\0" : io.getMessage()) ? d : e.getMessage() + ": " + d;
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * An I/O failure in words, naming the file: Java's exceptions for a denied access or an
     * existing non-directory carry only the path.
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile() != null ? f.getFile() : "";
            String reason = f.getReason();
            String words = switch (f) {
                case AccessDeniedException a -> "permission denied";
                case NotDirectoryException n -> "is not a directory";
                case FileAlreadyExistsException x -> Files.isDirectory(Path.of(file)) ? "already exists" : "is not a directory";
                case NoSuchFileException n -> "no such file or directory";
                case DirectoryNotEmptyException d -> "directory not empty";
                default -> reason == null ? null : reason.equalsIgnoreCase("not a directory") ? "is not a directory"
                        : reason.toLowerCase(java.util.Locale.ROOT);
            };
            if (words == null) return e.getMessage() == null ? e.toString() : e.getMessage();
            if (f.getOtherFile() != null) file = file + " -> " + f.getOtherFile();
            return words.startsWith("is ") ? file + " " + words : file + ": " + words;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
