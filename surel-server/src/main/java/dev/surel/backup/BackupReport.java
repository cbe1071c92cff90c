package dev.surel.backup;

import dev.surel.text.Sizes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** A finished backup or restore: where, what (the manifest) and how long it took. */
public record BackupReport(Path dir, BackupManifest manifest, Duration took) {

    /** Bytes of the database and the message files. */
    public long bytes() {
        return manifest.database().size() + manifest.counts().blobBytes();
    }

    /** One line: "1,204 messages (2 queued), 1,180 message files, 70.0 MiB in 3.2 s". */
    public String summary() {
        var c = manifest.counts();
        return String.format(Locale.ROOT, "%d messages, %d queued, %d accounts, %d message files, %s in %.1f s",
                c.messages(), c.queuedMessages(), c.accounts(), c.blobs(), Sizes.human(bytes()), took.toMillis() / 1000.0);
    }

}
