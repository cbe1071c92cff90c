package dev.surel.cli;

import dev.surel.admin.AdminClient;
import dev.surel.admin.AdminException;
import dev.surel.admin.AdminProtocol;
import dev.surel.admin.DataDirLock;
import dev.surel.config.SurelConfig;
import dev.surel.server.DataDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's side of {@code surel status} and {@code surel stop}: through the running server's
 * admin channel, or, when none answers, an answer of its own that never opens, locks or creates
 * anything in the data directory (as root on the server user's directory, a created file would
 * be root's): whether the directory exists, and whether its lock is held ({@link DataDirLock#probe}).
 */
final class ControlClient {

    private static final Pattern PID = Pattern.compile("(?m)^" + Pattern.quote(StopCommand.PID_PREFIX) + "(\\d+)$");
    private static final Duration POLL = Duration.ofMillis(100);

    private ControlClient() {
    }

    /** Why no admin channel answered. */
    private sealed interface Absent {
        /** No server runs on the data directory. */
        record NotRunning(String why) implements Absent { }

        /** Something may run, but it cannot be reached or told; {@code stopExit} is what {@code stop} exits with. */
        record Unknown(String why, int stopExit) implements Absent { }
    }

    /** {@code surel status}: exit 0 running, 3 not running, 4 unknown (LSB). */
    static int status(SurelConfig config, String[] args, PrintStream out, PrintStream err) {
        Path data = config.dataDir();
        Optional<SocketChannel> ch = AdminClient.connect(data);
        if (ch.isPresent()) {
            try {
                return AdminClient.run(ch.get(), data, List.of(args), null, out, err);
            } catch (IOException e) {
                out.println("status: unknown");
                err.println("surel: " + unreachable(data, e));
                return StatusCommand.UNKNOWN;
            }
        }
        return switch (absent(data)) {
            case Absent.NotRunning n -> {
                out.println("status: not running");
                out.println("data_dir: " + data);
                err.println("surel: " + n.why());
                yield StatusCommand.NOT_RUNNING;
            }
            case Absent.Unknown u -> {
                out.println("status: unknown");
                out.println("data_dir: " + data);
                err.println("surel: " + u.why());
                yield StatusCommand.UNKNOWN;
            }
        };
    }

    /**
     * {@code surel stop}: asks the server to stop and waits until its process has exited (then
     * its lock is free, too). Exit 0 stopped or not running, 1 still running after
     * {@code timeout}, 75 locked without an answering admin channel, 77 not allowed.
     */
    static int stop(SurelConfig config, String[] args, Duration timeout, PrintStream out, PrintStream err) {
        Path data = config.dataDir();
        Optional<SocketChannel> ch = AdminClient.connect(data);
        if (ch.isEmpty()) {
            return switch (absent(data)) {
                case Absent.NotRunning n -> {
                    out.println("surel: no server is running (" + n.why() + ")");
                    yield 0;
                }
                case Absent.Unknown u -> {
                    err.println("surel: cannot stop: " + u.why());
                    yield u.stopExit();
                }
            };
        }
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int code;
        try {
            code = AdminClient.run(ch.get(), data, List.of(args), null, reply, err);
        } catch (IOException e) {
            err.println("surel: cannot stop: " + unreachable(data, e));
            return e instanceof AccessDeniedException ? AdminProtocol.NOPERM : AdminException.TEMPFAIL;
        }
        String text = reply.toString(StandardCharsets.UTF_8);
        Matcher m = PID.matcher(text);
        if (code != 0 || !m.find()) {
            out.print(text);
            return code != 0 ? code : AdminException.SOFTWARE;
        }
        long pid = Long.parseLong(m.group(1));
        out.println("surel: stopping the server (pid " + pid + ")");
        out.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        try {
            if (process.isPresent()) process.get().onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            // the process may live in another PID namespace: its lock says when it is gone
            while (DataDirLock.probe(data) == DataDirLock.Probe.HELD) {
                if (System.nanoTime() > deadline) throw new TimeoutException();
                Thread.sleep(POLL);
            }
        } catch (TimeoutException e) {
            err.println("surel: the server (pid " + pid + ") is still running after " + StatusReport.duration(timeout)
                    + " (it is stopping: sessions get [limits] shutdown_grace, deliveries in progress a few seconds); "
                    + "wait longer with --timeout, or send SIGKILL");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            err.println("surel: waiting for pid " + pid + ": " + e.getCause());
            return 1;
        }
        out.println("surel: stopped");
        return 0;
    }

    /** What can be said without an answering admin channel, touching nothing. */
    private static Absent absent(Path data) {
        String user = System.getProperty("user.name");
        if (Files.notExists(data)) return new Absent.NotRunning("no data directory " + data);
        if (!Files.isDirectory(data)) {
            return new Absent.Unknown("cannot look into " + data + " as user " + user, AdminProtocol.NOPERM);
        }
        Path socket = data.resolve(AdminProtocol.SOCKET);
        if (Files.exists(socket) && !Files.isWritable(socket)) {
            return new Absent.Unknown("the admin channel " + socket + " is not open to user " + user
                    + " (permission denied): run this as the user the server runs as, or as root", AdminProtocol.NOPERM);
        }
        return switch (DataDirLock.probe(data)) {
            case FREE, NO_LOCK_FILE -> new Absent.NotRunning("no server holds " + data.resolve(DataDirLock.FILE));
            case HELD -> new Absent.Unknown(data + " is locked (" + DataDirLock.FILE + ") but no admin channel answers: a server "
                    + "still starting, or a command working on the store without a server", AdminException.TEMPFAIL);
            case UNREADABLE -> new Absent.Unknown("cannot read " + data.resolve(DataDirLock.FILE) + " as user " + user,
                    AdminProtocol.NOPERM);
        };
    }

    private static String unreachable(Path data, IOException e) {
        String why = DataDirectory.describe(e);
        return e instanceof AccessDeniedException
                ? why + ": run this as the user the server runs as, or as root"
                : "the admin channel of " + data + " failed: " + why;
    }
}
