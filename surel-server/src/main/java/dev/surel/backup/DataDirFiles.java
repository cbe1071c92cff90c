package dev.surel.backup;

import java.nio.file.Path;

/**
 * Where a data directory keeps what a backup copies: the metadata database, the message files
 * (blobs), the generated TLS material and the DKIM keys with their states ({@code dkim/<domain>/}). The admin secret and socket, the lock and the ports
 * file are not copied: they belong to one running server, and a server started on a restored
 * directory makes new ones.
 */
public record DataDirFiles(Path dataDir, Path database, Path blobs, Path tls, Path dkim) {

    public DataDirFiles {
        dataDir = dataDir.toAbsolutePath().normalize();
        database = database.toAbsolutePath().normalize();
        blobs = blobs.toAbsolutePath().normalize();
        tls = tls.toAbsolutePath().normalize();
        dkim = dkim.toAbsolutePath().normalize();
    }
}
