package dev.surel.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code surel check}: verifies the store; exit 0 when clean, 1 when damaged (each problem printed). */
@Command(name = "check", description = "Verify the store: every message file present with its hash, UIDs unique and "
        + "below UIDNEXT, counts right. Exits 1 on damage.", mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Override
    public Integer call() {
        List<String> problems = root.ctx.ops().check();
        if (problems.isEmpty()) {
            root.ctx.out().println("store check: OK");
            return 0;
        }
        problems.forEach(p -> root.ctx.out().println("DAMAGE: " + p));
        root.ctx.out().println("store check: " + problems.size() + " problem(s)");
        return 1;
    }
}
