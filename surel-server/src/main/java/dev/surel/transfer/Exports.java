package dev.surel.transfer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks shared by the export writers. */
final class Exports {
    private Exports() {
    }

    /** An export goes into a new or empty directory, never mixed into other files. */
    static void requireEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new FileAlreadyExistsException(dir + " exists and is not a directory");
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(dir + " is not empty: export into a new or empty directory");
                }
            }
        }
        Files.createDirectories(dir);
    }
}
