package dev.surel.cli;

import dev.surel.backup.BackupProgress;
import dev.surel.backup.BackupReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel backup DIR}: a consistent copy of the store while the server serves (the server
 * makes it, through the admin channel; without a server the CLI does, under the data
 * directory's lock). Exit 0 with a summary line; 73 when DIR is not new or empty or lies inside
 * the data directory; 65 when the store is damaged; 74 on an I/O failure.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the store (database, message files, TLS material) into DIR, a new or empty directory, while "
                + "the server serves; restore it with `surel restore DIR`.")
final class BackupCommand implements Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Parameters(paramLabel = "DIR", description = "where the backup goes: a new or empty directory, outside the data directory")
    Path dir;

    @Option(names = "--progress", description = "show progress on standard error (the default on a terminal)")
    boolean progress;

    @Override
    public Integer call() {
        BackupProgress p = ProgressPrinter.forCommand(progress, root.ctx.console(), root.ctx.err(), "backup");
        BackupReport r;
        try {
            r = root.ctx.ops().backup(dir.toAbsolutePath(), "Surel " + BuildVersion.version(), p);
        } finally {
            ProgressPrinter.done(p);
        }
        root.ctx.out().println("backup complete in " + r.dir() + ": " + r.summary());
        return 0;
    }
}
