package dev.surel.cli;

import dev.surel.admin.AdminClient;
import dev.surel.admin.AdminException;
import dev.surel.admin.DataDirLock;
import dev.surel.backup.BackupException;
import dev.surel.backup.BackupManifest;
import dev.surel.backup.BackupProgress;
import dev.surel.backup.BackupReport;
import dev.surel.backup.Restore;
import dev.surel.config.ConfigSchema;
import dev.surel.config.SurelConfig;
import dev.surel.server.DataDirectory;
import dev.surel.server.Services;
import dev.surel.store.CheckReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel restore DIR}: puts a backup into the data directory, which must be empty (or
 * absent), with no server running on it; verifies every file on the way and runs the store
 * check at the end. Never through the admin channel: a server holds a store, and restore only
 * fills an empty place. Like the other commands it creates a store only where it was told to
 * (a {@code --config} whose {@code data_dir} names the place, or {@code --create}; see
 * docs/adr/0006-store-creation.md). Exit 0 restored and checked; 65 the backup is incomplete
 * or damaged (nothing restored); 66 no backup there, or no place named; 73 the data directory
 * is not empty; 75 a server runs on it; 1 restored but the check found damage.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Put a backup made by `surel backup` into the data directory, which must be empty and have no "
                + "server running; every file is verified, then the store is checked.")
final class RestoreCommand implements Callable<Integer> {

    /** Entries an empty data directory may have: a file system's own, and our lock. */
    private static final Set<String> IGNORED = Set.of("lost+found", DataDirLock.FILE);

    @ParentCommand SurelCommand root;

    @Parameters(paramLabel = "DIR", description = "the backup directory (made by `surel backup`)")
    Path dir;

    @Option(names = "--progress", description = "show progress on standard error (the default on a terminal)")
    boolean progress;

    @Override
    public Integer call() {
        PrintStream err = root.ctx.err();
        SurelConfig config = Main.loadConfig(root, err);
        if (config == null) return Main.EX_CONFIG;
        Path data = config.dataDir().toAbsolutePath().normalize();
        Path backup = dir.toAbsolutePath().normalize();
        if (AdminClient.connect(data).isPresent()) {
            err.println("surel: a server is running on " + data + ": stop it first (restore fills an empty data directory only)");
            return AdminException.TEMPFAIL;
        }
        try {
            BackupManifest manifest = Restore.manifest(backup); // before anything is created
            if (!root.create && !config.values().isSet(ConfigSchema.DATA_DIR)) {
                noPlace(data, err);
                return AdminException.NOINPUT;
            }
            DataDirectory.checkAccessible(data);
            refuseNonEmpty(data);
            boolean created = DataDirectory.prepare(data);
            Set<Path> before = DataDirectory.entries(data);
            Optional<DataDirLock> lock = DataDirLock.tryAcquire(data);
            if (lock.isEmpty()) {
                err.println("surel: " + data + " is locked by a running server: stop it first");
                return AdminException.TEMPFAIL;
            }
            try (DataDirLock ignored = lock.get()) {
                refuseNonEmpty(data); // again, under the lock: nobody adds anything now
                err.println("surel: restoring the backup of " + manifest.created() + " (" + manifest.madeBy() + ") into " + data);
                BackupProgress p = ProgressPrinter.forCommand(progress, root.ctx.console(), err, "restore");
                BackupReport r;
                try {
                    r = Restore.run(backup, Services.files(data), p);
                } catch (RuntimeException e) {
                    ProgressPrinter.done(p);
                    DataDirectory.removeCreated(data, created, before);
                    throw e;
                }
                ProgressPrinter.done(p);
                root.ctx.out().println("restored " + backup + " into " + data + ": " + r.summary());
                return check(config, manifest, p);
            }
        } catch (BackupException e) {
            err.println("surel: " + e.getMessage());
            return e.exitCode();
        } catch (DataDirectory.NoAccess e) {
            err.println("surel: cannot restore: " + e.getMessage());
            return 77; // sysexits EX_NOPERM
        } catch (IOException e) {
            err.println("surel: cannot restore into " + data + ": " + DataDirectory.describe((Throwable) e));
            return 74; // EX_IOERR
        }
    }

    /** Opens the restored store (as the CLI does, migrating an older schema) and checks it. */
    private int check(SurelConfig config, BackupManifest manifest, BackupProgress progress) {
        try (Services services = Services.openForCli(config)) {
            CheckReport r;
            try {
                progress.update(BackupProgress.Phase.CHECK, 0, 1, 0, 0);
                r = services.store().check();
            } finally {
                ProgressPrinter.done(progress);
            }
            String counted = r.mailboxes() + " mailboxes, " + r.messages() + " messages, " + r.blobs() + " blobs";
            long expected = manifest.counts().messages() + manifest.counts().tombstones();
            if (r.ok() && r.messages() == expected && r.mailboxes() == manifest.counts().mailboxes()) {
                root.ctx.out().println("store check: OK (" + counted + ")");
                return 0;
            }
            r.problems().forEach(p -> root.ctx.out().println("DAMAGE: " + p));
            if (r.mailboxes() != manifest.counts().mailboxes()) {
                root.ctx.out().println("DAMAGE: " + r.mailboxes() + " mailboxes, the manifest lists " + manifest.counts().mailboxes());
            }
            if (r.messages() != expected) {
                root.ctx.out().println("DAMAGE: " + r.messages() + " message rows, the manifest lists " + expected);
            }
            root.ctx.out().println("store check: the restored store has problems (" + counted + ")");
            return 1;
        }
    }

    /** The data directory must be absent or empty (a file system's lost+found and our lock aside). */
    private static void refuseNonEmpty(Path data) throws IOException {
        if (!Files.exists(data)) return;
        if (!Files.isDirectory(data)) throw new BackupException(BackupException.CANTCREAT, data + " is not a directory");
        List<String> names;
        try (Stream<Path> s = Files.list(data)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> !IGNORED.contains(n)).sorted().toList();
        }
        if (names.isEmpty()) return;
        String shown = String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? ", ..." : "");
        String why = DataDirectory.hasStore(data)
                ? "it holds a store; restore never writes over one: stop its server, move the directory aside, and restore into an empty one"
                : names.contains(Services.BLOBS) ? "it looks like an interrupted restore (message files, no " + Services.DATABASE
                        + "): empty it and restore again"
                : "restore fills an empty data directory only";
        throw new BackupException(BackupException.CANTCREAT, data + " is not empty (" + shown + "): " + why);
    }

    /** As an administrative command finding no store: the data directory came from no configuration, so say where and how. */
    private void noPlace(Path data, PrintStream err) {
        String why = root.config == null
                ? "no --config given, so data_dir is \"data\" in the working directory " + Path.of("").toAbsolutePath()
                : root.config + " does not set data_dir, so it is \"data\" in the working directory " + Path.of("").toAbsolutePath();
        err.println("surel: where should the store go? (" + why + ")");
        err.println("surel: give --config FILE whose data_dir names the data directory the server uses, or add --create "
                + "to restore into " + data);
    }
}
