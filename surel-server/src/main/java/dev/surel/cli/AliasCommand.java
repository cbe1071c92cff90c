package dev.surel.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code surel alias add|list|remove}. */
@Command(name = "alias", description = "Manage aliases (addresses that forward to other addresses).", mixinStandardHelpOptions = true)
final class AliasCommand {

    @ParentCommand SurelCommand root;

    @Command(name = "add", description = "Add an alias, or more targets to an existing alias.")
    int add(@Parameters(index = "0", paramLabel = "ALIAS") String alias,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET") List<String> targets) {
        root.ctx.ops().addAlias(alias, targets);
        root.ctx.out().println("alias " + alias + " -> " + String.join(", ", targets));
        return 0;
    }

    @Command(name = "list", description = "List aliases.")
    int list(@Parameters(paramLabel = "DOMAIN", arity = "0..1") String domain) {
        root.ctx.ops().listAliases(domain).forEach(root.ctx.out()::println);
        return 0;
    }

    @Command(name = "remove", description = "Remove an alias, or one of its targets.")
    int remove(@Parameters(index = "0", paramLabel = "ALIAS") String alias,
               @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET") String target) {
        root.ctx.ops().removeAlias(alias, target);
        root.ctx.out().println(target == null ? "alias " + alias + " removed" : "target " + target + " removed from " + alias);
        return 0;
    }
}
