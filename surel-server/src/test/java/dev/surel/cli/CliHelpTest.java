package dev.surel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} (and {@code -h}) works on every command and subcommand, walked from the
 * command tree itself so a command added later is covered too: exit 0, its own usage on
 * standard output, and nothing run (no configuration or data directory is touched).
 */
class CliHelpTest {

    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<List<String>> paths(CommandLine cl, List<String> prefix) {
        List<List<String>> all = new ArrayList<>();
        all.add(prefix);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) return; // an alias
            List<String> p = new ArrayList<>(prefix);
            p.add(name);
            all.addAll(paths(sub, p));
        });
        return all;
    }

    @Test
    void everyCommandAnswersHelp() {
        List<List<String>> paths = paths(new CommandLine(new SurelCommand(null)), List.of());
        assertThat(paths).contains(List.of("user", "add"), List.of("auth", "unblock"), List.of("queue", "retry"),
                List.of("domain", "catchall"), List.of("serve"));
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                Run r = run(args.toArray(String[]::new));
                assertThat(r.exit()).as("surel %s: %s", String.join(" ", args), r).isZero();
                assertThat(r.out()).as(String.join(" ", args))
                        .startsWith("Usage: " + String.join(" ", List.of("surel", String.join(" ", path))).strip());
                assertThat(r.err()).as(String.join(" ", args)).isEmpty();
            }
        }
    }
}
