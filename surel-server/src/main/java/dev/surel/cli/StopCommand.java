package dev.surel.cli;

import dev.surel.admin.ServerControl;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel stop}: asks the running server to stop gracefully (as SIGTERM does) and waits
 * until its process has exited ({@link ControlClient#stop}). In the server, through the admin
 * channel, it starts the stop and answers with the server's process id ({@value #PID_PREFIX}N)
 * for the CLI to wait on.
 */
@Command(name = "stop", description = {"Stop the running server gracefully (as SIGTERM does: no new connections, "
        + "sessions get [limits] shutdown_grace) and wait until its process has exited.",
        "Exit status: 0 stopped (or no server was running), 1 still running after --timeout, 75 the data directory is "
                + "locked but no admin channel answers, 77 this user may not reach the admin channel."})
final class StopCommand implements Callable<Integer> {

    static final String PID_PREFIX = "stopping: pid ";

    @ParentCommand SurelCommand root;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "how long to wait for the process to exit, e.g. \"30s\", \"2m\" (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() {
        ServerControl control = root.ctx.control();
        if (control == null) {
            root.ctx.err().println("surel: the server is starting (its listeners are not yet bound); try again");
            return 75; // sysexits EX_TEMPFAIL
        }
        control.stop();
        root.ctx.out().println(PID_PREFIX + ProcessHandle.current().pid()); // this runs in the server's process
        return 0;
    }

    /** "30s", "2m": the configuration's duration syntax. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return dev.surel.config.ValueType.parseDuration(value);
        }
    }
}
