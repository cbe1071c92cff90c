package dev.surel.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Copies one file with a fixed buffer, hashing (SHA-256) what it reads, and fsyncs the copy;
 * the caller compares the hash with the name or the manifest. Nothing is ever read whole into
 * memory.
 */
final class FileCopy {

    private static final int BUFFER = 64 * 1024;
    /** Files of a backup: it holds password hashes and private keys. */
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private FileCopy() {
    }

    /** A file's SHA-256 (hex) and size. */
    record Digest(String sha256, long size) {
    }

    /**
     * Copies {@code from} to {@code to} (which must not exist; created with {@code mode}, or the
     * process's default when null), fsyncs it and returns what was read.
     */
    static Digest copy(Path from, Path to, FileAttribute<Set<PosixFilePermission>> mode) throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = mode == null
                     ? FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                     : FileChannel.open(to, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            while (in.read(buf) >= 0) {
                buf.flip();
                sha.update(buf.array(), 0, buf.limit());
                size += buf.limit();
                while (buf.hasRemaining()) out.write(buf);
                buf.clear();
            }
            out.force(true);
        }
        return new Digest(HexFormat.of().formatHex(sha.digest()), size);
    }

    /** Reads a whole file through SHA-256. */
    static Digest digest(Path file) throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            while (in.read(buf) >= 0) {
                buf.flip();
                sha.update(buf.array(), 0, buf.limit());
                size += buf.limit();
                buf.clear();
            }
        }
        return new Digest(HexFormat.of().formatHex(sha.digest()), size);
    }

    /** Writes {@code bytes} to {@code dir/name} durably and atomically: temp file, fsync, rename, fsync of {@code dir}. */
    static void writeAtomically(Path dir, String name, byte[] bytes) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY_FILE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) out.write(b);
            out.force(true);
        }
        Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        fsyncDir(dir);
    }

    /** Creates {@code dir} (and missing parents) with {@code mode} when absent; true when this call made {@code dir}. */
    static boolean createDirectory(Path dir, FileAttribute<Set<PosixFilePermission>> mode) throws IOException {
        if (Files.isDirectory(dir)) return false;
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) createDirectory(parent, mode);
        try {
            if (mode == null) Files.createDirectory(dir);
            else Files.createDirectory(dir, mode);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
            return false;
        }
    }

    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** An I/O failure in words, naming the file ("/x/y: permission denied"); Java's own messages are often only the path. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            String why = switch (f) {
                case java.nio.file.AccessDeniedException a -> "permission denied";
                case java.nio.file.NoSuchFileException n -> "no such file or directory";
                case java.nio.file.FileAlreadyExistsException x -> "already exists";
                case java.nio.file.NotDirectoryException n -> "not a directory";
                case java.nio.file.DirectoryNotEmptyException d -> "directory not empty";
                default -> f.getReason() == null ? "failed" : f.getReason().toLowerCase(java.util.Locale.ROOT);
            };
            return f.getFile() + ": " + why;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
