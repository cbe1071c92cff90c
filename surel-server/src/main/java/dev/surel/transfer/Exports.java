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
            if (!Files.isDirectory(dir)) throw TransferException.cannotCreate(dir + " exists and is not a directory", null);
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw TransferException.cannotCreate(dir + " is not empty: export into a new or empty directory", null);
                }
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw TransferException.cannotCreate("cannot create " + dir + ": " + reason(e), e);
        }
    }

    /** Why a file operation failed, in words ("not a directory", "permission denied"). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + " is in the way (a file, not a directory)";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return String.valueOf(e.getMessage());
    }
}
