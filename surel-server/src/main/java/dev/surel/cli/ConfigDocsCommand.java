package dev.surel.cli;

import dev.surel.config.ConfigDocs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code surel config-docs}: prints the configuration key reference (the generated part of docs/configuration.md). */
@Command(name = "config-docs", hidden = true, description = "Print the configuration key reference.")
final class ConfigDocsCommand implements Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Override
    public Integer call() {
        root.ctx.out().print(ConfigDocs.reference());
        return 0;
    }
}
