package dev.surel.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shared secret of the admin channel: 32 random bytes, hex, in {@code <data>/admin.secret},
 * mode 0600. Whoever can read it may administer the server: the same person who could open the
 * data directory directly.
 */
public final class AdminSecret {

    public static final String FILE = "admin.secret";

    private AdminSecret() {
    }

    /** Reads the secret, creating it first if it does not exist yet. */
    public static String loadOrCreate(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        if (!Files.exists(f)) {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            Path tmp = dataDir.resolve(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, HexFormat.of().formatHex(b) + "\n", StandardOpenOption.WRITE);
            Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return read(dataDir);
    }

    public static String read(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve(FILE)).trim();
    }

    /** Constant-time comparison. */
    public static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
