package dev.surel.transfer;

import dev.surel.text.Sizes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Writes every folder of one account, in batches read through a {@link MailAccess}, to a Maildir
 * or a tree of mbox files. Messages keep their octets (with LF line endings in the files), flags
 * and internal date; what a format cannot hold is listed in {@link Summary#warnings()}.
 */
public final class Exporter {

    /** The formats {@code surel export} writes. */
    public enum Format { MAILDIR, MBOX }

    /** What an export did. */
    public record Summary(long exported, long bytes, int folders, Duration took, List<String> warnings) {
        public String line(String address, Path dir) {
            return String.format(Locale.ROOT, "exported %,d message(s) (%s) of %s to %s: %d folder(s), %.1f s",
                    exported, Sizes.human(bytes), address, dir, folders, took.toMillis() / 1000.0);
        }
    }

    private final MailAccess source;
    private final Progress progress;
    private final int batchMessages;
    private final long batchBytes;

    public Exporter(MailAccess source, Progress progress, int batchMessages, long batchBytes) {
        this.source = source;
        this.progress = progress;
        this.batchMessages = batchMessages;
        this.batchBytes = batchBytes;
    }

    public Summary run(Format format, Path dir) throws IOException {
        long start = System.nanoTime();
        List<FolderInfo> folders = source.folders();
        progress.total(folders.stream().mapToLong(FolderInfo::messages).sum());
        long[] count = {0, 0};
        long[] lastUid = {0};
        try (ExportWriter w = format == Format.MAILDIR ? new MaildirWriter(dir) : new MboxWriter(dir)) {
            for (FolderInfo f : folders) {
                progress.folder(f.name());
                w.beginFolder(f);
                lastUid[0] = 0;
                while (true) {
                    int n = source.read(f.name(), lastUid[0], batchMessages, batchBytes, (uid, flags, date, size, bytes) -> {
                        w.message(flags, date, size, bytes);
                        lastUid[0] = uid;
                        count[0]++;
                        count[1] += size;
                        progress.advance(1);
                    });
                    if (n == 0) break;
                }
                w.endFolder();
            }
            progress.finish();
            return new Summary(count[0], count[1], folders.size(), Duration.ofNanos(System.nanoTime() - start), List.copyOf(w.warnings()));
        }
    }
}
