package dev.surel.cli;

import dev.surel.store.CheckReport;
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
        CheckReport r = root.ctx.ops().check();
        String counted = r.mailboxes() + " mailboxes, " + r.messages() + " messages, " + r.blobs() + " blobs";
        if (r.ok()) {
            root.ctx.out().println("store check: OK (" + counted + ")");
            return 0;
        }
        r.problems().forEach(p -> root.ctx.out().println("DAMAGE: " + p));
        root.ctx.out().println("store check: " + r.problems().size() + " problem(s) (" + counted + ")");
        return 1;
    }
}
