package dev.surel.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code surel queue list|show|retry|delete}: the delivery queue. Unknown queue ids exit with EX_NOINPUT (66). */
@Command(name = "queue", description = "Inspect and manage the delivery queue.", mixinStandardHelpOptions = true)
final class QueueCommand {

    @ParentCommand SurelCommand root;

    @Command(name = "list", description = "List queued messages and their recipients.")
    int list() {
        root.ctx.ops().queueList().forEach(root.ctx.out()::println);
        return 0;
    }

    @Command(name = "show", description = "Show one queued message: envelope and every recipient record.")
    int show(@Parameters(paramLabel = "ID") String id) {
        root.ctx.ops().queueShow(id).forEach(root.ctx.out()::println);
        return 0;
    }

    /** Exactly one of ID and --all. */
    static final class Target {
        @Parameters(paramLabel = "ID", description = "the queue id") String id;
        @Option(names = "--all", required = true, description = "every queued message") boolean all;
    }

    @Command(name = "retry", description = "Try the queued recipients of a message (or of all, --all) now.")
    int retry(@ArgGroup(exclusive = true, multiplicity = "1") Target target) {
        int n = root.ctx.ops().queueRetry(target.all ? null : target.id);
        root.ctx.out().println(n + " recipient(s) due now");
        return 0;
    }

    @Command(name = "delete", description = "Delete a queued message without sending any DSN.")
    int delete(@Parameters(paramLabel = "ID") String id) {
        root.ctx.ops().queueDelete(id);
        root.ctx.out().println("deleted " + id);
        return 0;
    }
}
