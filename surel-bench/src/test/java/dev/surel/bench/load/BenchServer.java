package dev.surel.bench.load;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.server.SurelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The in-process Surel the load generator's tests run against: in {@code dir}, listening on
 * loopback ports chosen by the system for the given endpoints, many connections per IP,
 * cheap password hashing and a near-zero login throttle, with the domain bench.test.
 */
final class BenchServer {
    private BenchServer() { }

    /** @param listen the {@code [listen]} keys to open, e.g. {@code "imap", "pop3"} */
    static SurelServer start(Path dir, String... listen) throws Exception {
        StringBuilder toml = new StringBuilder("hostname = \"mail.bench.test\"\ndata_dir = \"data\"\n[listen]\n");
        for (String l : listen) toml.append(l).append(" = \"127.0.0.1:0\"\n");
        toml.append("""
                [limits]
                max_connections_per_ip = 500
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                [auth.throttle]
                base_delay = "1ms"
                max_delay = "2ms"
                """);
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, toml);
        SurelServer server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC());
        server.services().directory().addDomain("bench.test");
        return server;
    }
}
