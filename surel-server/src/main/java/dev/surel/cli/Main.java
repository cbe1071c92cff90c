package dev.surel.cli;

import dev.surel.admin.AdminClient;
import dev.surel.admin.AdminCommands;
import dev.surel.admin.AdminException;
import dev.surel.admin.AdminOps;
import dev.surel.admin.DataDirLock;
import dev.surel.admin.ServerControl;
import dev.surel.config.ConfigException;
import dev.surel.config.ConfigSchema;
import dev.surel.config.SurelConfig;
import dev.surel.server.DataDirectory;
import dev.surel.server.Services;
import dev.surel.server.SurelServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Entry point of {@code ./surel}. Parses the command line once to learn which command it is and
 * which configuration applies, then runs it in the right place: {@code serve} here; an
 * administrative command through a running server's admin channel, or here on the data
 * directory under its exclusive lock when no server runs.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.indexOf('\uFFFD') >= 0) { // bytes the locale's charset could not decode: a UTF-8 address in a C locale
                err.println("surel: the argument \"" + a + "\" is not valid in this locale's character set ("
                        + System.getProperty("sun.jnu.encoding") + "); run in a UTF-8 locale, e.g. LC_ALL=C.UTF-8 "
                        + "(./surel does so by itself)");
                return AdminException.USAGE;
            }
        }
        SurelCommand probe = new SurelCommand(new CliContext(null, null, in, out, err, System.console()));
        CommandLine cl = commandLine(probe, out, err);
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("surel: " + e.getMessage());
            e.getCommandLine().usage(err);
            return AdminException.USAGE;
        }
        List<String> path = commandPath(parsed);
        if (CommandLine.printHelpIfRequested(parsed)) {
            out.flush();
            return 0;
        }
        ParseResult leaf = leaf(parsed);
        if (!leaf.commandSpec().subcommands().isEmpty()) { // "surel" or "surel user" alone
            leaf.commandSpec().commandLine().usage(err);
            err.flush();
            return AdminException.USAGE;
        }
        if (SurelCommand.CONTROL.contains(path.getFirst())) { // status, stop: only a running server answers
            SurelConfig config = loadConfig(probe, err);
            if (config == null) return EX_CONFIG;
            return path.getFirst().equals("stop")
                    ? ControlClient.stop(config, args, ((StopCommand) leaf.commandSpec().userObject()).timeout, out, err)
                    : ControlClient.status(config, args, out, err);
        }
        if (!SurelCommand.ADMIN.contains(path.getFirst())) {
            return commandLine(new SurelCommand(new CliContext(null, null, in, out, err, System.console())), out, err).execute(args);
        }
        SurelConfig config = loadConfig(probe, err);
        if (config == null) return EX_CONFIG;
        return withDataDir(config, probe, err, new DataDirUser() {
            @Override
            public int viaServer(SocketChannel ch) throws IOException {
                return Main.viaServer(ch, config, args, path, in, out, err);
            }

            @Override
            public int local(Services services) {
                return runAdmin(List.of(args), services.admin(), null, in, out, err, System.console());
            }

            @Override
            public boolean needsExistingStore() {
                return path.getFirst().equals("backup");
            }
        });
    }

    static final int EX_CONFIG = 78; // sysexits

    /** The configuration the command line names; null (the problem said on {@code err}) when it cannot be loaded. */
    static SurelConfig loadConfig(SurelCommand probe, PrintStream err) {
        try {
            return probe.loadConfig();
        } catch (ConfigException e) {
            err.println("surel: configuration: " + e.getMessage());
            return null;
        }
    }

    /** What runs on a data directory: through a running server's admin channel, or on the services opened here. */
    interface DataDirUser {
        int viaServer(SocketChannel ch) throws IOException;

        int local(Services services);

        /** True for a command that must never create the store (backup: nothing to copy). */
        default boolean needsExistingStore() {
            return false;
        }
    }

    /**
     * Runs {@code user} against the data directory of {@code config}: through the running server's
     * admin channel when one answers, else on the directory opened here under its exclusive lock
     * (refusing, with the reason, when there is no store and {@code --create} was not given).
     * Returns the exit code; errors of opening become a message and a sysexits code.
     */
    static int withDataDir(SurelConfig config, SurelCommand cmd, PrintStream err, DataDirUser user) {
        try {
            Optional<SocketChannel> server = AdminClient.connect(config.dataDir());
            if (server.isPresent()) {
                return user.viaServer(server.get());
            }
            DataDirectory.checkAccessible(config.dataDir());
            if (!DataDirectory.hasStore(config.dataDir()) && user.needsExistingStore()) {
                nothingToBackUp(config, cmd, err); // a backup never creates the store it is to copy
                return AdminException.NOINPUT;
            }
            if (!DataDirectory.hasStore(config.dataDir())) {
                boolean named = config.values().isSet(ConfigSchema.DATA_DIR); // a configuration file says where the store is
                if (!cmd.create && !named) {
                    noStore(config, cmd, err);
                    return AdminException.NOINPUT;
                }
                DataDirectory.prepare(config.dataDir());
                err.println("surel: no store in " + config.dataDir() + " yet: creating a new, empty one");
            }
            Optional<DataDirLock> lock = DataDirLock.tryAcquire(config.dataDir());
            if (lock.isEmpty()) {
                err.println("surel: " + config.dataDir() + " is locked by a running server whose admin channel does not answer; try again");
                return AdminException.TEMPFAIL;
            }
            try (DataDirLock ignored = lock.get(); Services services = Services.openForCli(config)) {
                return user.local(services);
            }
        } catch (DataDirectory.NoAccess e) {
            err.println("surel: cannot open the store: " + e.getMessage());
            return 77; // sysexits EX_NOPERM
        } catch (IOException e) {
            err.println("surel: " + DataDirectory.describe((Throwable) e));
            return AdminException.TEMPFAIL;
        } catch (AdminException e) { // e.g. the passwords typed at the prompt differ
            err.println("surel: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) { // the data directory cannot be opened (damaged database, permissions)
            err.println("surel: cannot open " + config.dataDir() + ": " + DataDirectory.describe((Throwable) e));
            return AdminException.SOFTWARE;
        }
    }

    /**
     * An administrative command found no store where it looked: says where, why there, and how
     * to point it at the store or create one. Nothing is created.
     */
    private static void noStore(SurelConfig config, SurelCommand cmd, PrintStream err) {
        Path data = config.dataDir();
        String why = cmd.config == null
                ? "no --config given, so data_dir is \"data\" in the working directory " + Path.of("").toAbsolutePath()
                : cmd.config + " does not set data_dir, so it is \"data\" in the working directory " + Path.of("").toAbsolutePath();
        err.println("surel: no Surel store in " + data + " (" + why + ")");
        err.println("surel: run the command where the store is (where `surel serve` runs), give --config FILE whose data_dir "
                + "names the store, or add --create to create a new, empty store in " + data);
    }

    /** {@code backup} found no store (and creates none, whatever {@code --create} or the configuration say). */
    private static void nothingToBackUp(SurelConfig config, SurelCommand cmd, PrintStream err) {
        String where = config.values().isSet(ConfigSchema.DATA_DIR) ? "" : cmd.config == null
                ? " (no --config given, so data_dir is \"data\" in the working directory " + Path.of("").toAbsolutePath() + ")"
                : " (" + cmd.config + " does not set data_dir, so it is \"data\" in the working directory "
                        + Path.of("").toAbsolutePath() + ")";
        err.println("surel: no Surel store in " + config.dataDir() + where + ": nothing to back up; give --config FILE "
                + "whose data_dir names the store the server uses");
    }

    private static int viaServer(SocketChannel ch, SurelConfig config, String[] args, List<String> path,
                                 InputStream in, PrintStream out, PrintStream err) throws IOException {
        List<String> sent = List.of(args);
        if (path.equals(List.of("backup"))) sent = backupArgs(args, out, err);
        InputStream stdin = null;
        if (path.equals(List.of("sieve", "put"))) {
            sent = sievePutArgs(args, out, err);
            String file = sent.removeLast();
            sent.add(SieveCommand.STDIN);
            if (!file.equals(SieveCommand.STDIN)) {
                try {
                    stdin = java.nio.file.Files.newInputStream(Path.of(file));
                } catch (IOException e) {
                    err.println("surel: cannot read " + file + ": " + e.getMessage());
                    return AdminException.NOINPUT;
                }
            } else {
                stdin = in;
            }
            try (InputStream script = stdin) {
                return AdminClient.run(ch, config.dataDir(), sent, script, out, err);
            }
        }
        if (SurelCommand.readsPassword(path) && System.console() != null) {
            char[] pw = Passwords.prompt(System.console());
            stdin = new ByteArrayInputStream((new String(pw) + "\n").getBytes(StandardCharsets.UTF_8));
            Arrays.fill(pw, '\0');
        } else if (SurelCommand.readsStdin(path)) {
            stdin = in;
        }
        return AdminClient.run(ch, config.dataDir(), sent, stdin, out, err);
    }

    /**
     * {@code backup} as the server is to run it: the server has its own working directory, so
     * DIR goes as an absolute path; and it cannot see this terminal, so {@code --progress} is
     * added when there is one.
     */
    private static List<String> backupArgs(String[] args, PrintStream out, PrintStream err) {
        SurelCommand root = new SurelCommand(new CliContext(null, null, null, out, err, null));
        ParseResult parsed = commandLine(root, out, err).parseArgs(args);
        BackupCommand backup = (BackupCommand) parsed.subcommand().commandSpec().userObject();
        List<String> sent = new ArrayList<>(List.of("backup", backup.dir.toAbsolutePath().toString()));
        if (backup.progress || System.console() != null && System.console().isTerminal()) sent.add("--progress");
        return sent;
    }

    /**
     * {@code sieve put USER NAME FILE} as the server is to run it: FILE is read here (the server
     * has its own working directory) and sent as standard input; returns the arguments with FILE
     * last, for the caller to replace with {@code -}.
     */
    private static List<String> sievePutArgs(String[] args, PrintStream out, PrintStream err) {
        SurelCommand root = new SurelCommand(new CliContext(null, null, null, out, err, null));
        ParseResult put = commandLine(root, out, err).parseArgs(args).subcommand().subcommand();
        List<String> sent = new ArrayList<>(List.of("sieve", "put"));
        for (var p : put.commandSpec().positionalParameters()) sent.add(p.getValue().toString());
        return sent;
    }

    /** The CLI's administrative commands, as a running server answers them on its admin channel. */
    public static final AdminCommands ADMIN_COMMANDS = (args, ops, control, in, out, err) -> runAdmin(args, ops, control, in, out, err, null);

    /** Starts a server that answers the CLI's administrative commands on its admin channel (what {@code surel serve} runs). */
    public static SurelServer startServer(SurelConfig config, Clock clock) {
        return SurelServer.start(config, clock, ADMIN_COMMANDS);
    }

    /**
     * Runs an administrative command line against live services: used here when no server runs
     * and by the server for requests arriving on its admin channel ({@code console} null there;
     * {@code control} the server's, null while it starts and here).
     */
    public static int runAdmin(List<String> args, AdminOps ops, ServerControl control, InputStream in, PrintStream out,
                               PrintStream err, java.io.Console console) {
        SurelCommand root = new SurelCommand(new CliContext(ops, control, in, out, err, console));
        CommandLine cl = commandLine(root, out, err);
        try {
            List<String> path = commandPath(cl.parseArgs(args.toArray(String[]::new)));
            if (path.isEmpty() || !(SurelCommand.ADMIN.contains(path.getFirst()) || SurelCommand.CONTROL.contains(path.getFirst()))) {
                err.println("surel: not an administrative command: " + String.join(" ", args));
                return AdminException.USAGE;
            }
        } catch (CommandLine.ParameterException e) {
            err.println("surel: " + e.getMessage());
            return AdminException.USAGE;
        }
        return cl.execute(args.toArray(String[]::new));
    }

    private static CommandLine commandLine(SurelCommand root, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(root);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof AdminException a) {
                err.println("surel: " + a.getMessage());
                return a.exitCode();
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("surel: " + ex.getMessage());
                return AdminException.DATAERR;
            }
            err.println("surel: internal error: " + ex);
            return AdminException.SOFTWARE;
        });
        return cl;
    }

    private static ParseResult leaf(ParseResult parsed) {
        ParseResult p = parsed;
        while (p.hasSubcommand()) p = p.subcommand();
        return p;
    }

    private static List<String> commandPath(ParseResult parsed) {
        List<String> path = new ArrayList<>();
        ParseResult p = parsed;
        while (p.hasSubcommand()) {
            p = p.subcommand();
            path.add(p.commandSpec().name());
        }
        return path;
    }
}
