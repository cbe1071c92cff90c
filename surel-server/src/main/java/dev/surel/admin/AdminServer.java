package dev.surel.admin;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of the admin channel: accepts on {@code <data>/admin.sock} (mode 0600), one
 * virtual thread per request, checks the secret, runs the command line and streams its output
 * back. Must only be started by the process that holds the {@link DataDirLock}.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final ServerSocketChannel channel;
    private final Path socket;
    private final String secret;
    private final AdminCommandRunner runner;
    private final Thread acceptor;
    /** Requests in progress, with their connections. */
    private final java.util.Map<Thread, SocketChannel> requests = new java.util.concurrent.ConcurrentHashMap<>();
    /** How long {@link #close} waits for requests in progress. */
    static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(10);

    private AdminServer(ServerSocketChannel channel, Path socket, String secret, AdminCommandRunner runner) {
        this.channel = channel;
        this.socket = socket;
        this.secret = secret;
        this.runner = runner;
        this.acceptor = Thread.ofVirtual().name("admin-accept").start(this::acceptLoop);
    }

    public static AdminServer start(Path dataDir, AdminCommandRunner runner) throws IOException {
        String secret = AdminSecret.loadOrCreate(dataDir);
        Path socket = dataDir.resolve(AdminProtocol.SOCKET);
        Files.deleteIfExists(socket); // stale from a crash; we hold the data dir lock
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        return new AdminServer(ch, socket, secret, runner);
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel c = channel.accept();
                Thread t = Thread.ofVirtual().name("admin").unstarted(() -> {
                    try {
                        serve(c);
                    } finally {
                        requests.remove(Thread.currentThread());
                    }
                });
                requests.put(t, c);
                t.start();
            } catch (IOException e) {
                if (channel.isOpen()) log.warn("admin channel accept failed: {}", e.getMessage());
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(c)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(c)));
            String given = in.readUTF();
            if (!AdminSecret.matches(secret, given)) {
                log.warn("admin channel: request with a wrong secret refused");
                reply(out, AdminProtocol.STDERR, "surel: admin secret does not match\n");
                exit(out, AdminProtocol.NOPERM);
                return;
            }
            int argc = in.readInt();
            if (argc < 1 || argc > AdminProtocol.MAX_ARGS) {
                reply(out, AdminProtocol.STDERR, "surel: bad admin request\n");
                exit(out, AdminException.USAGE);
                return;
            }
            List<String> args = new ArrayList<>(argc);
            for (int i = 0; i < argc; i++) args.add(in.readUTF());
            int code;
            try (InputStream stdin = AdminProtocol.stdinFrames(in);
                 PrintStream o = new PrintStream(AdminProtocol.frames(out, AdminProtocol.STDOUT), true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(AdminProtocol.frames(out, AdminProtocol.STDERR), true, StandardCharsets.UTF_8)) {
                code = runner.run(args, stdin, o, e);
            }
            exit(out, code);
        } catch (IOException e) {
            log.debug("admin request ended: {}", e.getMessage());
        }
    }

    private static void reply(DataOutputStream out, byte type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.writeByte(type);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void exit(DataOutputStream out, int code) throws IOException {
        synchronized (out) {
            out.writeByte(AdminProtocol.EXIT);
            out.writeInt(code);
            out.flush();
        }
    }

    /**
     * Stops accepting, then lets requests in progress finish (up to {@link #DRAIN}; e.g. the
     * {@code stop} that asked for this, still sending its reply, or a delivery) before the caller
     * closes the services they use; requests still running then are cut off.
     */
    @Override
    public void close() throws IOException {
        channel.close();
        acceptor.interrupt();
        Files.deleteIfExists(socket);
        long deadline = System.nanoTime() + DRAIN.toNanos();
        for (Thread t : List.copyOf(requests.keySet())) {
            if (t == Thread.currentThread()) continue;
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) t.join(java.time.Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (SocketChannel c : List.copyOf(requests.values())) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
