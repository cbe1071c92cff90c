package dev.surel.cli;

import dev.surel.admin.ServerControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel status}: the running server's state, one {@code key: value} line per fact
 * ({@link StatusReport}). Runs in the server, through its admin channel; without a server the
 * CLI answers itself ({@link ControlClient#status}). Exit codes as LSB's {@code status}: 0
 * running, 3 not running, 4 unknown.
 */
@Command(name = "status", description = {"Show whether the server runs: its process, uptime, listeners with their "
        + "connections, queue and store size.",
        "Exit status (as LSB init scripts'): 0 running, 3 not running, 4 unknown (e.g. the data directory is locked but "
                + "no admin channel answers, or this user may not reach it)."})
final class StatusCommand implements Callable<Integer> {

    static final int RUNNING = 0;
    static final int NOT_RUNNING = 3;
    static final int UNKNOWN = 4;

    @ParentCommand SurelCommand root;

    @Override
    public Integer call() {
        ServerControl control = root.ctx.control();
        if (control == null) { // in a server that has not yet bound its listeners
            root.ctx.err().println("surel: the server is starting (its listeners are not yet bound)");
            return UNKNOWN;
        }
        StatusReport.lines(control.status(), BuildVersion.version()).forEach(root.ctx.out()::println);
        return RUNNING;
    }
}
