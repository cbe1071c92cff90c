package dev.surel.filter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real rspamd (Debian's rspamd 3.4) for a test: Debian's rules ({@code /etc/rspamd}) with a
 * configuration file of our own in {@code dir}: one normal worker on a free loopback port (no
 * controller, no proxy, no redis), its DNS pointed at a closed port (no lookups leave the machine),
 * logs, pid and caches in {@code dir}, and the action thresholds given. Started in the foreground
 * ({@code -f}; {@code -i} because tests run as root); ready when {@code /ping} answers. A missing
 * rspamd fails with the apt-get line.
 */
public final class RspamdDaemon implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private RspamdDaemon(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts rspamd; {@code actions} is the body of {@code local.d/actions.conf} (e.g.
     * {@code "reject = 8;"}). Start-up compiles regular expressions: allow a minute.
     */
    public static RspamdDaemon start(Path dir, String actions) throws IOException, InterruptedException {
        Path rspamd = Path.of("/usr/bin/rspamd");
        if (!Files.isExecutable(rspamd)) throw new AssertionError("rspamd is not installed: apt-get install -y rspamd");
        Path local = Files.createDirectories(dir.resolve("local").resolve("local.d"));
        Files.writeString(local.resolve("actions.conf"), actions + "\n");
        int port = ClamdDaemon.freePort();
        Path conf = dir.resolve("rspamd.conf");
        Files.writeString(conf, """
                .include "$CONFDIR/common.conf"
                options {
                    pidfile = "$RUNDIR/rspamd.pid";
                    .include "$CONFDIR/options.inc"
                    dns { nameserver = ["127.0.0.1:1"]; timeout = 0.2s; retransmits = 1; }
                }
                logging { type = "file"; filename = "$LOGDIR/rspamd.log"; level = "info"; }
                worker "normal" {
                    bind_socket = "127.0.0.1:%d";
                    .include "$CONFDIR/worker-normal.inc"
                    count = 1;
                }
                """.formatted(port));
        Process p = new ProcessBuilder(rspamd.toString(), "-f", "-i", "-c", conf.toString(), "--var", "CONFDIR=/etc/rspamd",
                "--var", "LOCAL_CONFDIR=" + dir.resolve("local"), "--var", "RUNDIR=" + dir, "--var", "DBDIR=" + dir,
                "--var", "LOGDIR=" + dir).redirectErrorStream(true).redirectOutput(dir.resolve("rspamd.out").toFile()).start();
        RspamdDaemon d = new RspamdDaemon(p, port, dir);
        // a test JVM that ends without @AfterAll (a failed setup, a fork stopped by surefire) still stops the daemon
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("rspamd exited: " + Files.readString(dir.resolve("rspamd.out")));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(d.url() + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return d;
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(200);
        }
        d.close();
        throw new AssertionError("rspamd did not answer /ping within 120 s: " + Files.readString(dir.resolve("rspamd.out")));
    }

    /** "http://127.0.0.1:port", for {@code [filter] rspamd}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** rspamd's log (one line per message checked, with envelope and symbols). */
    public String log() throws IOException {
        Path l = dir.resolve("rspamd.log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    @Override
    public void close() throws InterruptedException {
        ProcessHandle h = process.toHandle();
        h.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
