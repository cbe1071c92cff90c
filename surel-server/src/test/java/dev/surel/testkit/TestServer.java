package dev.surel.testkit;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import dev.surel.net.Endpoint;
import dev.surel.server.Services;
import dev.surel.server.SurelServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process Surel server for a test, started as {@code surel serve} starts one
 * ({@link Main#startServer}) on the configuration a {@link TestSetup} wrote, with its users
 * added. Either started by hand ({@code TestServer.setup()...start(dir)}, closed by the test) or
 * a JUnit extension ({@code @RegisterExtension TestServer srv = TestServer.setup()...perTest()})
 * started before each test and closed after it. Closing it closes the clients it was given
 * ({@link #closeAfter}) first.
 */
public final class TestServer extends TestData implements BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private boolean ownDir;
    private SurelServer server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private TestServer(TestSetup setup) {
        super(setup);
    }

    /** A new setup: no endpoints, no users, host name mail.example.test, the test certificate. */
    public static TestSetup setup() {
        return new TestSetup();
    }

    static TestServer start(TestSetup setup, Path dir) {
        TestServer s = new TestServer(setup);
        s.startIn(dir);
        return s;
    }

    static TestServer perTest(TestSetup setup) {
        return new TestServer(setup);
    }

    private void startIn(Path dir) {
        this.dir = dir;
        server = Main.startServer(setup.write(dir), setup.clock);
        try {
            setup.provision(server.services().directory());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Stops the server and starts it again on the same configuration file and data (new ports). */
    public TestServer restart() {
        server.close();
        server = Main.startServer(ConfigLoader.load(configFile()), setup.clock);
        return this;
    }

    /**
     * Stops the server, runs {@code whileStopped} (e.g. damages a file of the data directory), and
     * starts it again as {@link #restart()} does.
     */
    public TestServer restart(WhileStopped whileStopped) throws Exception {
        server.close();
        whileStopped.run();
        server = Main.startServer(ConfigLoader.load(configFile()), setup.clock);
        return this;
    }

    /** What {@link #restart(WhileStopped)} does between stop and start. */
    @FunctionalInterface
    public interface WhileStopped {
        void run() throws Exception;
    }

    @Override
    public Path dir() {
        return running().dir;
    }

    public SurelServer server() {
        return running().server;
    }

    @Override
    public Services services() {
        return server().services();
    }

    public SurelConfig config() {
        return server().config();
    }

    /** Where {@code endpoint} listens (127.0.0.1 and the port the system gave). */
    public InetSocketAddress address(Endpoint endpoint) {
        InetSocketAddress a = server().boundAddresses().get(endpoint);
        if (a == null) throw new IllegalStateException("no " + endpoint.key() + " listener; add it with TestSetup.listen");
        return a;
    }

    public int port(Endpoint endpoint) {
        return address(endpoint).getPort();
    }

    /** A raw line client to {@code endpoint} (implicit TLS where the endpoint has it), closed with the server. */
    public LineClient connect(Endpoint endpoint) throws IOException {
        InetSocketAddress a = address(endpoint);
        return closeAfter(endpoint.implicitTls() ? LineClient.tls(a) : LineClient.plain(a));
    }

    /** Closes {@code client} when the server closes (before it); returns it. */
    public synchronized <T extends AutoCloseable> T closeAfter(T client) {
        clients.add(client);
        return client;
    }

    private TestServer running() {
        if (server == null) throw new IllegalStateException("the server has not started (a perTest() server starts before each test)");
        return this;
    }

    @Override
    public void close() {
        List<AutoCloseable> open;
        synchronized (this) {
            open = new ArrayList<>(clients);
            clients.clear();
        }
        for (AutoCloseable c : open.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // the test is over; a client that fails to close changes nothing
            }
        }
        if (server != null) server.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ownDir = true;
        startIn(Files.createTempDirectory("surel-test-"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
        if (ownDir) deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the system's temp cleaner
        }
    }
}
