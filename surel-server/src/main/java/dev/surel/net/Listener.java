package dev.surel.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one "host:port" for one {@link Service} and runs every accepted connection on its own
 * virtual thread: admission by the shared {@link ConnectionLimiter} (refused connections get
 * the service's {@link RefusalHandler}, never its session), TCP keepalive and no-delay, the
 * implicit TLS handshake when the mode asks for it (bounded by
 * {@code [limits] tls_handshake_timeout}), then {@link ConnectionHandler#handle}.
 *
 * <p>Invariants: a connection's permit is released and its socket closed when its thread
 * ends, whatever happened; no exception text reaches the peer; connection ids are
 * {@code <service>-<n>}, unique per listener, and the name of its thread (a log event's thread
 * name; no MDC entry: a thread-local map per connection cost about 450 bytes of each parked one).
 *
 * <p>Stopping ({@link #stop(Duration)}): the server socket closes at once (no new
 * connections); every running session's read is woken with {@link ServerStoppingException}
 * (TCP input shut down, output still open) so it can say goodbye; sessions get the grace
 * period to end, then their sockets are closed and the threads end.
 */
public final class Listener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);

    private final HostPort bind;
    private final Service service;
    private final NetContext ctx;
    private final AtomicLong ids = new AtomicLong();
    private final Set<Connection> active = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean stopping;
    private Thread acceptor;
    private Thread reaper;

    public Listener(HostPort bind, Service service, NetContext ctx) {
        this.bind = bind;
        this.service = service;
        this.ctx = ctx;
        if (service.mode() == ListenerMode.IMPLICIT_TLS && ctx.tls() == null) {
            throw new IllegalArgumentException(service.name() + ": implicit TLS needs a TLS manager");
        }
    }

    public Listener(String bind, Service service, NetContext ctx) {
        this(HostPort.parse(bind), service, ctx);
    }

    /** Binds and starts accepting; returns the address actually bound (port 0 resolved). */
    public synchronized InetSocketAddress start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(bind.toSocketAddress(), 256);
        server = ss;
        acceptor = Thread.ofVirtual().name("listen-" + service.name()).start(this::acceptLoop);
        reaper = Thread.ofVirtual().name("reap-" + service.name()).start(this::reapLoop);
        log.info("{} listening on {} ({})", service.name(), boundAddress(), service.mode());
        return boundAddress();
    }

    /** The bound address (after {@link #start()}). */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public Service service() {
        return service;
    }

    /** Sessions currently running (refused connections not counted). */
    public int activeConnections() {
        return active.size();
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                log.warn("{}: accept failed: {}", service.name(), e.toString());
                try {
                    Thread.sleep(50); // e.g. out of file descriptors: do not spin
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            String id = service.name() + "-" + ids.incrementAndGet();
            Thread t = Thread.ofVirtual().name(id).unstarted(() -> serve(s, id));
            threads.add(t);
            t.start();
        }
    }

    /**
     * Every {@code idleCheckInterval} (real time), closes connections whose socket write has
     * been blocked for the idle timeout by the clock: reads time out by themselves, writes to
     * a peer that does not read would block forever.
     */
    private void reapLoop() {
        long millis = Math.max(1, ctx.settings().idleCheckInterval().toMillis());
        while (!stopping) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            var now = ctx.clock().instant();
            for (Connection c : active) {
                if (c.writeStalled(now)) {
                    log.info("{}: peer stopped reading for the idle timeout: closing", c.id());
                    c.close();
                }
            }
        }
    }

    private void serve(Socket raw, String id) {
        ConnectionLimiter.Admission admission = null;
        Connection c = null;
        try {
            raw.setKeepAlive(true);
            raw.setTcpNoDelay(true);
            admission = ctx.limiter().tryAcquire(raw.getInetAddress());
            Socket s = raw;
            if (service.mode() == ListenerMode.IMPLICIT_TLS) {
                SSLSocket ssl = ctx.tls().wrapServer(raw);
                Connection.handshake(raw, ssl, ctx.settings().tlsHandshakeTimeout());
                s = ssl;
            }
            c = new Connection(id, raw, s, ctx);
            switch (admission) {
                case ConnectionLimiter.Admission.Refused r -> {
                    log.info("{}: refused {}: {}", id, raw.getRemoteSocketAddress(), r.reason());
                    service.refusal().refuse(c, r.reason());
                    c.flush();
                }
                case ConnectionLimiter.Admission.Admitted a -> {
                    active.add(c);
                    if (stopping) {
                        c.requestStop();
                    }
                    log.debug("{}: connected from {}{}", id, raw.getRemoteSocketAddress(),
                            c.tlsInfo().map(i -> " " + i).orElse(""));
                    service.handler().handle(c);
                    c.flush();
                }
            }
        } catch (SessionInterrupt e) {
            log.debug("{}: {} not handled by the session", id, e.getMessage());
        } catch (TlsHandshakeException e) {
            log.debug("{}: {}", id, e.getMessage());
        } catch (IOException e) {
            log.debug("{}: ended: {}", id, e.toString());
        } catch (RuntimeException | Error e) {
            log.error("{}: session failed", id, e);
        } finally {
            if (c != null) {
                active.remove(c);
                c.close();
            } else {
                try {
                    raw.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
            if (admission instanceof ConnectionLimiter.Admission.Admitted a) {
                a.permit().close();
            }
            threads.remove(Thread.currentThread());
        }
    }

    /**
     * Stops accepting, lets running sessions end for up to {@code grace}, then closes the
     * sockets of those still running and waits briefly for their threads.
     */
    public void stop(Duration grace) {
        stopping = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            log.debug("{}: closing server socket: {}", service.name(), e.toString());
        }
        try {
            if (acceptor != null) {
                acceptor.join(Duration.ofSeconds(1));
            }
            if (reaper != null) {
                reaper.interrupt();
            }
            for (Connection c : active) {
                c.requestStop();
            }
            long deadline = System.nanoTime() + grace.toNanos();
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Duration.ofNanos(left));
                }
            }
            for (Connection c : active) {
                c.close();
            }
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("{} stopped", service.name());
    }

    /** {@link #stop(Duration)} with {@code [limits] shutdown_grace}. */
    @Override
    public void close() {
        stop(ctx.settings().shutdownGrace());
    }
}
