package dev.surel.cli;

import dev.surel.admin.AdminException;
import dev.surel.config.SurelConfig;
import dev.surel.server.Services;
import dev.surel.transfer.Exporter;
import dev.surel.transfer.MailAccess;
import dev.surel.transfer.Progress;
import dev.surel.transfer.Staging;
import dev.surel.transfer.TransferException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel export ADDRESS --maildir DIR | --mbox DIR}: writes every folder of a user, with
 * flags and internal dates, into a new (or empty) directory: a Maildir Dovecot reads, or one
 * mboxrd file per folder. Works through a running server's admin channel or on the data
 * directory, like every administrative command.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export a user's mail, with flags and dates, to a Maildir or to one mbox file per folder.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Parameters(paramLabel = "ADDRESS", description = "the Surel user")
    String address;

    /** Exactly one format. */
    static final class To {
        @Option(names = "--maildir", paramLabel = "DIR", required = true, description = "a new Maildir (Dovecot layout, Maildir++ folders)")
        Path maildir;
        @Option(names = "--mbox", paramLabel = "DIR", required = true, description = "a new directory with one mboxrd file per folder (Archive/2024.mbox)")
        Path mbox;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    To to;

    @Override
    public Integer call() {
        PrintStream err = root.ctx.err();
        SurelConfig config = Main.loadConfig(root, err);
        if (config == null) return Main.EX_CONFIG;
        try (Staging staging = Staging.create(0)) {
            return Main.withDataDir(config, root, err, new Main.DataDirUser() {
                @Override
                public int viaServer(SocketChannel ch) throws IOException {
                    ch.close();
                    return export(new ChannelMailAccess(config.dataDir(), address, staging));
                }

                @Override
                public int local(Services services) {
                    return export(services.admin().mailAccess(address));
                }
            });
        }
    }

    private int export(MailAccess source) {
        PrintStream err = root.ctx.err();
        java.io.Console console = root.ctx.console();
        Progress progress = new Progress(err, console != null && console.isTerminal(), "exporting");
        Exporter.Format format = to.maildir != null ? Exporter.Format.MAILDIR : Exporter.Format.MBOX;
        Path dir = to.maildir != null ? to.maildir : to.mbox;
        Exporter.Summary s;
        try {
            s = new Exporter(source, progress, 500, 64L << 20).run(format, dir);
        } catch (TransferException e) { // the directory cannot be made or is in use
            progress.finish();
            err.println("surel export: " + e.getMessage());
            return e.exitCode();
        } catch (IOException | java.io.UncheckedIOException e) {
            progress.finish();
            err.println("surel export: " + e.getMessage());
            return AdminException.IOERR;
        }
        root.ctx.out().println(s.line(address, dir));
        for (String w : s.warnings()) err.println("surel export: note: " + w);
        return 0;
    }
}
