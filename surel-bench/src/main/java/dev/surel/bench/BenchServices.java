package dev.surel.bench;

import dev.surel.config.ConfigLoader;
import dev.surel.server.Services;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A throw-away data directory with real services (SQLite + blob files on the real disk). */
final class BenchServices implements AutoCloseable {

    final Path dir;
    final Services services;

    BenchServices(String extraToml) throws IOException {
        dir = Files.createTempDirectory("surel-bench-");
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "data_dir = \"data\"\n" + extraToml);
        services = Services.openForCli(ConfigLoader.load(cfg));
    }

    @Override
    public void close() throws IOException {
        services.close();
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
