package dev.surel.cli;

import dev.surel.admin.AdminException;
import dev.surel.sieve.SieveScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel sieve put|get|list|activate|deactivate|delete}: the users' Sieve scripts, the same
 * ones ManageSieve manages (docs/sieve.md, "Managing scripts"). {@code put} checks the script as
 * PUTSCRIPT does. Through a running server, {@code put FILE} sends the file's content (the server
 * has its own working directory). Exit codes: unknown user EX_NOUSER (67), unknown script
 * EX_NOINPUT (66), a broken script, bad name or the active script deleted EX_DATAERR (65), over a
 * limit EX_CANTCREAT (73), an unreadable file EX_NOINPUT (66).
 */
@Command(name = "sieve", description = "Manage the users' Sieve scripts (also reachable over ManageSieve, port 4190).",
        mixinStandardHelpOptions = true)
final class SieveCommand {

    /** The script's source given to {@code put}: a file, or {@code -} for standard input. */
    static final String STDIN = "-";

    @ParentCommand SurelCommand root;

    @Command(name = "put", description = "Store the script NAME of USER from FILE (- reads standard input), replacing one of that "
            + "name; it is checked first and refused with the line at fault when broken.")
    int put(@Parameters(paramLabel = "USER") String user, @Parameters(paramLabel = "NAME") String name,
            @Parameters(paramLabel = "FILE") String file) {
        byte[] script;
        try {
            if (file.equals(STDIN)) {
                script = readAll(root.ctx.in());
            } else {
                script = Files.readAllBytes(Path.of(file));
            }
        } catch (IOException e) {
            throw new AdminException(AdminException.NOINPUT, "cannot read " + file + ": " + e.getMessage());
        }
        boolean created = root.ctx.ops().sievePut(user, name, script);
        root.ctx.err().println((created ? "stored the new script " : "replaced the script ") + name + " of " + user
                + " (" + script.length + " octets)");
        return 0;
    }

    @Command(name = "get", description = "Print the script NAME of USER.")
    int get(@Parameters(paramLabel = "USER") String user, @Parameters(paramLabel = "NAME") String name) {
        root.ctx.out().print(root.ctx.ops().sieveGet(user, name));
        root.ctx.out().flush();
        return 0;
    }

    @Command(name = "list", description = "List the scripts of USER: state (active or -), size in octets, last change, name.")
    int list(@Parameters(paramLabel = "USER") String user) {
        for (SieveScript s : root.ctx.ops().sieveList(user)) {
            root.ctx.out().println((s.active() ? "active" : "-") + " " + s.size() + " " + s.updated() + " " + s.name());
        }
        return 0;
    }

    @Command(name = "activate", description = "Make NAME the active script of USER (the one delivery runs).")
    int activate(@Parameters(paramLabel = "USER") String user, @Parameters(paramLabel = "NAME") String name) {
        if (name.isEmpty()) throw new AdminException(AdminException.USAGE, "give a script name (surel sieve deactivate USER turns them all off)");
        root.ctx.ops().sieveActivate(user, name);
        root.ctx.err().println(name + " is the active script of " + user);
        return 0;
    }

    @Command(name = "deactivate", description = "Leave USER with no active script.")
    int deactivate(@Parameters(paramLabel = "USER") String user) {
        root.ctx.ops().sieveActivate(user, "");
        root.ctx.err().println(user + " has no active script");
        return 0;
    }

    @Command(name = "delete", description = "Delete the script NAME of USER (not the active one: deactivate it first).")
    int delete(@Parameters(paramLabel = "USER") String user, @Parameters(paramLabel = "NAME") String name) {
        root.ctx.ops().sieveDelete(user, name);
        root.ctx.err().println("deleted the script " + name + " of " + user);
        return 0;
    }

    /** Reads a script from a stream, at most a little over any sensible limit (the store refuses what is over its own). */
    private static byte[] readAll(InputStream in) throws IOException {
        byte[] b = in.readNBytes(64 << 20);
        if (in.read() >= 0) throw new IOException("more than 64 MiB");
        return b;
    }
}
