package dev.surel.cli;

import dev.surel.config.ValueType;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code surel user add|passwd|list|remove|quota}; passwords come from a prompt or standard input. */
@Command(name = "user", description = "Manage users (mailboxes with a password).", mixinStandardHelpOptions = true)
final class UserCommand {

    @ParentCommand SurelCommand root;

    @Command(name = "add", description = "Add a user; the password is read from a prompt or the first line of standard input. "
            + "INBOX, Drafts, Sent, Trash, Junk and Archive are created.")
    int add(@Parameters(paramLabel = "ADDRESS") String address) {
        withPassword(pw -> root.ctx.ops().addUser(address, pw));
        root.ctx.out().println("user " + address + " added");
        return 0;
    }

    @Command(name = "passwd", description = "Set a user's password (read from a prompt or standard input).")
    int passwd(@Parameters(paramLabel = "ADDRESS") String address) {
        withPassword(pw -> root.ctx.ops().setPassword(address, pw));
        root.ctx.out().println("password of " + address + " changed");
        return 0;
    }

    /** Reads the password, hands it to {@code use}, then wipes it. */
    private void withPassword(java.util.function.Consumer<char[]> use) {
        char[] pw = Passwords.read(root.ctx);
        try {
            use.accept(pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    @Command(name = "list", description = "List users with quota and usage.")
    int list(@Parameters(paramLabel = "DOMAIN", arity = "0..1") String domain) {
        root.ctx.ops().listUsers(domain).forEach(root.ctx.out()::println);
        return 0;
    }

    @Command(name = "remove", description = "Remove a user and all their mail.")
    int remove(@Parameters(paramLabel = "ADDRESS") String address) {
        root.ctx.ops().removeUser(address);
        root.ctx.out().println("user " + address + " removed");
        return 0;
    }

    @Command(name = "quota", description = "Set a user's quota (0 = unlimited, \"default\" = the configured default).")
    int quota(@Parameters(paramLabel = "ADDRESS") String address,
              @Option(names = "--bytes", paramLabel = "SIZE", description = "e.g. 2G, 500M, 0, default") String bytes,
              @Option(names = "--messages", paramLabel = "N", description = "e.g. 100000, 0, default") String messages) {
        root.ctx.ops().setQuota(address, quota(bytes), count(messages));
        root.ctx.out().println("quota of " + address + " set");
        return 0;
    }

    /** A message count: a plain whole number (no size suffix), 0 or "default". */
    private static Long count(String s) {
        if (s == null) return null;
        if (s.equalsIgnoreCase("default")) return -1L;
        try {
            long n = Long.parseLong(s.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--messages: not a number of messages: \"" + s + "\" (e.g. 100000, 0, default)");
    }

    private static Long quota(String s) {
        if (s == null) return null;
        if (s.equalsIgnoreCase("default")) return -1L;
        return ValueType.parseSize(s);
    }

    @Command(name = "pop3", description = "Show or set the POP3 leave-on-server policy of a user: delete (DELE removes at QUIT), "
            + "keep:<days>d (also removed <days> after the first download), hide (DELE hides it from POP3, IMAP keeps it), "
            + "default (inherit).")
    int pop3(@Parameters(paramLabel = "ADDRESS") String name,
             @Option(names = "--policy", paramLabel = "POLICY", description = "delete, keep:30d, hide or default") String policy) {
        root.ctx.out().println(root.ctx.ops().pop3Policy(false, name, policy));
        return 0;
    }
}
