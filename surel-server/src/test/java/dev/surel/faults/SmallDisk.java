package dev.surel.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few MiB mounted on a test's directory, to run a store on a disk that can be
 * filled and freed: {@link #fill()} writes a filler file until the file system refuses
 * ({@code ENOSPC}), {@link #free()} deletes it. {@link #readOnly(Path)} bind-mounts a directory
 * read-only over itself ({@code EROFS} for new files, open files unaffected). Mounting needs
 * root (CI runs as root); without it the test fails and says so, it is never skipped.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path dir;
    private final Path filler;
    private final List<Path> binds = new ArrayList<>();

    private SmallDisk(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /** Mounts a tmpfs of {@code bytes} on {@code dir} (created if missing). */
    public static SmallDisk mount(Path dir, long bytes) throws IOException, InterruptedException {
        requireRoot();
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs", dir.toString());
        return new SmallDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Bytes the file system still has for new data. */
    public long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes the filler file until the file system is full; returns the bytes it took. */
    public long fill() throws IOException {
        return fillLeaving(0);
    }

    /** Writes the filler file until about {@code leave} bytes are left (0: until it is full). */
    public long fillLeaving(long leave) throws IOException {
        long written = 0;
        if (leave > 0) {
            try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                byte[] b = new byte[4096];
                while (free() > leave + b.length) {
                    out.write(b);
                    written += b.length;
                }
            }
            return written;
        }
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int chunk : new int[] {64 * 1024, 4096, 512, 1}) {
                byte[] b = new byte[chunk];
                try {
                    while (true) {
                        out.write(b);
                        out.flush();
                        written += chunk;
                    }
                } catch (IOException full) {
                    if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
                }
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) throw e; // close may flush
        }
        return written;
    }

    /** Deletes the filler: the space is back. */
    public void release() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Bind-mounts {@code sub} (inside this disk) read-only over itself, until {@link #writable}. */
    public void readOnly(Path sub) throws IOException, InterruptedException {
        run("mount", "--bind", sub.toString(), sub.toString());
        binds.add(sub);
        run("mount", "-o", "remount,bind,ro", sub.toString());
    }

    /** Lifts a {@link #readOnly} bind mount. */
    public void writable(Path sub) throws IOException, InterruptedException {
        run("umount", sub.toString());
        binds.remove(sub);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Path b : List.copyOf(binds)) run("umount", "-l", b.toString());
        run("umount", "-l", dir.toString());
    }

    static void requireRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        if (!uid.equals("0")) {
            throw new AssertionError("the fault tests mount a small tmpfs to fill it and need root (uid "
                    + uid + "): run ./run-tests as root, as CI does");
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
        }
    }
}
