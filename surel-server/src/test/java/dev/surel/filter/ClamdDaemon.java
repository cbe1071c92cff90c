package dev.surel.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A real clamd (Debian's clamav-daemon) for a test: run in the foreground from a config file in
 * {@code dir}, on a free loopback TCP port and a unix socket, with a one-signature database written
 * there ({@code Surel.Test.EICAR}, an .ndb body signature of the EICAR test file; signatures cannot
 * be downloaded here). A missing clamd fails with the apt-get line.
 */
public final class ClamdDaemon implements AutoCloseable {
    /** The EICAR anti-malware test file (68 octets), https://www.eicar.org. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    /** What clamd names a match of the local signature. */
    public static final String SIGNATURE = "Surel.Test.EICAR.UNOFFICIAL";

    private final Process process;
    private final int port;
    private final Path socket;
    private final Path dir;

    private ClamdDaemon(Process process, int port, Path socket, Path dir) {
        this.process = process;
        this.port = port;
        this.socket = socket;
        this.dir = dir;
    }

    /** Starts clamd with a StreamMaxLength of {@code maxStream} (e.g. "1M") and waits until it answers PING. */
    public static ClamdDaemon start(Path dir, String maxStream) throws IOException, InterruptedException {
        Path clamd = Path.of("/usr/sbin/clamd");
        if (!Files.isExecutable(clamd)) throw new AssertionError("clamd is not installed: apt-get install -y clamav-daemon");
        Path db = Files.createDirectories(dir.resolve("db"));
        Files.writeString(db.resolve("surel-eicar.ndb"),
                "Surel.Test.EICAR:0:*:" + HexFormat.of().formatHex(EICAR.getBytes(StandardCharsets.US_ASCII)) + "\n");
        int port = freePort();
        Path socket = dir.resolve("clamd.sock");
        Path conf = dir.resolve("clamd.conf");
        Files.writeString(conf, String.join("\n",
                "Foreground yes",
                "TCPSocket " + port,
                "TCPAddr 127.0.0.1",
                "LocalSocket " + socket,
                "DatabaseDirectory " + db,
                "LogFile " + dir.resolve("clamd.log"),
                "PidFile " + dir.resolve("clamd.pid"),
                "TemporaryDirectory " + dir,
                "StreamMaxLength " + maxStream,
                "SelfCheck 0",
                "") + "\n");
        Process p = new ProcessBuilder(clamd.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("clamd.out").toFile()).start();
        ClamdDaemon d = new ClamdDaemon(p, port, socket, dir);
        // a test JVM that ends without @AfterAll (a failed setup, a fork stopped by surefire) still stops the daemon
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("clamd exited: " + Files.readString(dir.resolve("clamd.out")));
            if (d.ping()) return d;
            Thread.sleep(100);
        }
        d.close();
        throw new AssertionError("clamd did not answer PING within 60 s: " + Files.readString(dir.resolve("clamd.out")));
    }

    private boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(4), StandardCharsets.US_ASCII).equals("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** "127.0.0.1:port", for {@code [filter] clamd}. */
    public String tcp() {
        return "127.0.0.1:" + port;
    }

    /** The unix socket's path, for {@code [filter] clamd}. */
    public Path socket() {
        return socket;
    }

    /** clamd's log, for a failure message. */
    public String log() throws IOException {
        Path l = dir.resolve("clamd.log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
