package dev.surel.server;

import dev.surel.admin.AdminCommands;
import dev.surel.admin.AdminServer;
import dev.surel.admin.DataDirLock;
import dev.surel.admin.ServerControl;
import dev.surel.config.SurelConfig;
import dev.surel.delivery.ReportTimer;
import dev.surel.net.Endpoint;
import dev.surel.net.HostPort;
import dev.surel.net.Listener;
import dev.surel.net.NetContext;
import dev.surel.net.ProtocolModule;
import dev.surel.queue.QueueModule;
import dev.surel.tls.TlsConfigException;
import dev.surel.tls.TlsManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Surel: the data directory locked, its services open (with the store's periodic
 * maintenance), the admin channel, TLS and every configured listener.
 *
 * <p>Start order matters: the lock first (one server per data directory), then the services,
 * then the admin channel (so a CLI that sees the ports file can always reach it), then TLS, the
 * delivery queue and the protocol modules, then the listeners, and last the ports file, which says the server is ready. {@link #close} undoes
 * it in reverse.
 */
public final class SurelServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SurelServer.class);
    public static final String PORTS_FILE = "ports";

    private final SurelConfig config;
    private final DataDirLock lock;
    private final Services services;
    private final AdminServer admin;
    private final TlsManager tls;
    private final ReportTimer reports;
    private final QueueModule queue;
    private final List<ProtocolModule> modules;
    private final List<Listener> listeners;
    private final Map<Endpoint, InetSocketAddress> bound;
    private final CountDownLatch closed = new CountDownLatch(1);

    private SurelServer(SurelConfig config, DataDirLock lock, Services services, AdminServer admin, TlsManager tls,
                        QueueModule queue, ReportTimer reports, Collection<ProtocolModule> modules, List<Listener> listeners,
                        Map<Endpoint, InetSocketAddress> bound) {
        this.config = config;
        this.lock = lock;
        this.services = services;
        this.admin = admin;
        this.tls = tls;
        this.queue = queue;
        this.reports = reports;
        this.modules = List.copyOf(modules);
        this.listeners = listeners;
        this.bound = bound;
    }

    /**
     * Starts a server; on failure everything opened so far is closed again, and what this start
     * created on disk (the data directory, or within an existing one the store, TLS material,
     * secret) is removed: a failed first start leaves no {@code data/} or {@code tls/} behind.
     * The admin channel answers {@code commands} ({@code surel serve} gives the CLI's).
     */
    public static SurelServer start(SurelConfig config, Clock clock, AdminCommands commands) {
        Path data = config.dataDir();
        List<AutoCloseable> opened = new ArrayList<>();
        boolean created = false;
        boolean locked = false;
        java.util.Set<Path> before = DataDirectory.entries(data);
        try {
            warnIfNotFullyQualified(config);
            created = DataDirectory.prepare(data);
            DataDirLock lock = DataDirLock.tryAcquire(data).orElseThrow(() -> new StartException(
                    data + " is in use by another Surel server (" + DataDirLock.FILE + " is locked)"));
            opened.add(lock);
            locked = true;
            before = DataDirectory.entries(data); // under the lock (its file included): nobody else adds anything now
            Files.deleteIfExists(data.resolve(PORTS_FILE)); // stale from a crash: ours now
            if (!DataDirectory.hasStore(data)) log.info("creating a new store in {}", data);
            Services services = Services.open(config, clock);
            opened.add(services);
            // status and stop need the running server: until it is ready, they say it is starting
            java.util.concurrent.atomic.AtomicReference<ServerControl> control = new java.util.concurrent.atomic.AtomicReference<>();
            AdminServer admin = AdminServer.start(data,
                    (args, in, out, err) -> commands.run(args, services.admin(), control.get(), in, out, err));
            opened.add(admin);
            TlsManager tls = TlsManager.start(config.tls(), data, config.hostname(), clock);
            opened.add(tls);
            NetContext net = NetContext.of(config.net(), tls, clock);
            QueueModule queue = ModuleWiring.queue(config, services, clock);
            opened.add(queue);
            ReportTimer reports = ModuleWiring.reports(config, services, queue.queue(), clock);
            opened.add(reports);
            Map<Endpoint.Protocol, ProtocolModule> modules = new EnumMap<>(Endpoint.Protocol.class);
            modules.put(Endpoint.Protocol.SMTP, ModuleWiring.smtp(config, services, queue.queue(), clock));
            modules.put(Endpoint.Protocol.IMAP, ModuleWiring.imap(config, services));
            modules.put(Endpoint.Protocol.POP3, ModuleWiring.pop3(config, services, clock));
            modules.put(Endpoint.Protocol.MANAGESIEVE, ModuleWiring.manageSieve(config, services));
            opened.addAll(modules.values());
            List<Listener> listeners = new ArrayList<>();
            Map<Endpoint, Listener> byEndpoint = new EnumMap<>(Endpoint.class);
            Map<Endpoint, InetSocketAddress> bound = new LinkedHashMap<>();
            for (Map.Entry<Endpoint, HostPort> e : config.listen().entrySet()) {
                Endpoint ep = e.getKey();
                Listener l = new Listener(e.getValue(), modules.get(ep.protocol()).service(ep), net);
                try {
                    bound.put(ep, l.start());
                } catch (IOException ex) {
                    throw new StartException("cannot listen on " + e.getValue() + " for " + ep.key() + ": " + ex.getMessage());
                }
                listeners.add(l);
                byEndpoint.put(ep, l);
                opened.add(l);
            }
            SurelServer server = new SurelServer(config, lock, services, admin, tls, queue, reports, modules.values(), listeners, bound);
            control.set(new LiveStatus(clock.instant(), clock, data, byEndpoint, config.net().maxConnections(),
                    services.store(), services.queue(), server::close));
            writePorts(data, bound);
            log.info("Surel ready on {} ({}), data in {}", config.hostname(), describe(bound), data);
            return server;
        } catch (StartException e) {
            closeAll(opened);
            if (locked || created) DataDirectory.removeCreated(data, created, before);
            throw e;
        } catch (IOException | TlsConfigException | RuntimeException e) {
            closeAll(opened);
            if (locked || created) DataDirectory.removeCreated(data, created, before);
            throw new StartException(reason(e), e);
        }
    }

    /** A start failure in words: the path and what the system said ("permission denied", "is not a directory"). */
    private static String reason(Exception e) {
        return DataDirectory.describe((Throwable) e);
    }

    /**
     * RFC 5321 §2.3.5 and §4.1.1.1: the name in the greeting and EHLO is a fully qualified
     * domain name; other servers may refuse a bare host name. Warned about at every start.
     */
    private static void warnIfNotFullyQualified(SurelConfig config) {
        String h = config.hostname();
        boolean fromFile = config.values().isSet(dev.surel.config.ConfigSchema.HOSTNAME);
        if (!fullyQualified(h)) {
            log.warn("hostname \"{}\" is not a fully qualified domain name ({}): the SMTP greeting, EHLO to other servers "
                    + "and Received: fields use it, and other servers may refuse mail from a bare name (RFC 5321 §2.3.5); "
                    + "set hostname = \"mail.example.com\" in the configuration", h,
                    fromFile ? "from the configuration" : "the machine's name, as no hostname is configured");
        }
    }

    /** At least two labels, not an address literal, not localhost. */
    static boolean fullyQualified(String host) {
        if (host == null) return false;
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!h.contains(".") || h.startsWith(".") || h.contains("..")) return false;
        if (h.matches("[0-9.]+") || h.contains(":")) return false;
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        return !lower.equals("localhost.localdomain") && !lower.endsWith(".localhost") && !lower.equals("localhost");
    }

    private static String describe(Map<Endpoint, InetSocketAddress> bound) {
        if (bound.isEmpty()) return "no listeners";
        List<String> parts = new ArrayList<>();
        bound.forEach((ep, a) -> parts.add(ep.key() + " " + HostPort.of(a)));
        return String.join(", ", parts);
    }

    /** {@code <data>/ports}: one "name host:port" line per listener, replaced atomically. */
    private static void writePorts(Path data, Map<Endpoint, InetSocketAddress> bound) throws IOException {
        StringBuilder b = new StringBuilder();
        bound.forEach((ep, a) -> b.append(ep.key()).append(' ').append(HostPort.of(a)).append('\n'));
        Path tmp = data.resolve(PORTS_FILE + ".tmp");
        Files.writeString(tmp, b.toString());
        Files.move(tmp, data.resolve(PORTS_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public Map<Endpoint, InetSocketAddress> boundAddresses() {
        return bound;
    }

    public Services services() {
        return services;
    }

    public TlsManager tls() {
        return tls;
    }

    public SurelConfig config() {
        return config;
    }

    /** Blocks until {@link #close} has run. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) return;
        log.info("Surel stopping");
        try {
            Files.deleteIfExists(config.dataDir().resolve(PORTS_FILE));
        } catch (IOException e) {
            log.warn("cannot remove the ports file: {}", e.getMessage());
        }
        List<AutoCloseable> all = new ArrayList<>();
        all.add(lock);
        all.add(services);
        all.add(admin);
        all.add(tls);
        all.add(queue);
        all.add(reports);
        all.addAll(modules);
        all.addAll(listeners);
        closeAll(all);
        closed.countDown();
        log.info("Surel stopped");
    }

    /** Closes in reverse order of opening, logging (not throwing) failures. */
    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                log.warn("closing {}: {}", opened.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The server cannot start; the message says why, for the administrator. */
    public static final class StartException extends RuntimeException {
        public StartException(String message) {
            super(message);
        }

        public StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
