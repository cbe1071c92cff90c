package dev.surel.cli;

import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command: {@code surel [--config FILE] <command>}; {@code --config} may also follow the
 * command. {@code --help} and {@code --version} are inherited by every subcommand.
 */
@Command(name = "surel", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = BuildVersion.class,
        description = "Surel mail server: SMTP, POP3 and IMAP over one durable mail store.",
        subcommands = {ServeCommand.class, DomainCommand.class, UserCommand.class, AliasCommand.class,
                DeliverCommand.class, CheckCommand.class, QueueCommand.class, AuthCommand.class, DkimCommand.class, SieveCommand.class, StatusCommand.class,
                StopCommand.class, ImportCommand.class, ExportCommand.class, TransferCommand.class, BackupCommand.class,
                RestoreCommand.class, ConfigDocsCommand.class, DnsCommand.class})
public final class SurelCommand {

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "TOML configuration file (default: built-in defaults, data in ./data)")
    Path config;

    @Option(names = "--create", scope = ScopeType.INHERIT,
            description = "let an administrative command create a new, empty store when the data directory has none "
                    + "(serve always does; without this, a command run where no store is refuses and says where it looked)")
    boolean create;

    final CliContext ctx;

    SurelCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The configuration named by {@code --config}, or the built-in defaults; a bad file throws ConfigException. */
    SurelConfig loadConfig() {
        return config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
    }

    /** Commands that work on the data directory (and so may run inside a running server). */
    static final Set<String> ADMIN = Set.of("domain", "user", "alias", "deliver", "check", "queue", "auth", "transfer", "backup",
            "dkim", "sieve");

    /**
     * Commands only a running server answers (through its admin channel); without one they say so
     * ({@link ControlClient}) and never open the data directory.
     */
    static final Set<String> CONTROL = Set.of("status", "stop");

    /** Command paths that read standard input (a password or a message). */
    static boolean readsStdin(List<String> path) {
        return path.equals(List.of("user", "add")) || path.equals(List.of("user", "passwd"))
                || path.equals(List.of("deliver")) || path.equals(List.of("transfer", "append"))
                || path.equals(List.of("sieve", "put"));
    }

    /** Command paths that ask for a password. */
    static boolean readsPassword(List<String> path) {
        return path.equals(List.of("user", "add")) || path.equals(List.of("user", "passwd"));
    }
}
