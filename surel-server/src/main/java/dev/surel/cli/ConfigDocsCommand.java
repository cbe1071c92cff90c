package dev.surel.cli;

import dev.surel.config.ConfigDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel config-docs [--write docs/configuration.md]}: prints the configuration key
 * reference, or replaces the generated part of the given document with it.
 */
@Command(name = "config-docs", hidden = true, description = "Print (or --write into a document) the configuration key reference.")
final class ConfigDocsCommand implements Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Option(names = "--write", paramLabel = "FILE", description = "replace the generated block of FILE")
    Path write;

    @Override
    public Integer call() throws Exception {
        if (write == null) {
            root.ctx.out().print(ConfigDocs.reference());
            return 0;
        }
        String doc = Files.readString(write);
        String old = ConfigDocs.generatedPart(doc);
        if (old == null) {
            root.ctx.err().println(write + " has no generated block (" + ConfigDocs.BEGIN + " ... " + ConfigDocs.END + ")");
            return 65;
        }
        Files.writeString(write, doc.replace(old.stripTrailing(), ConfigDocs.reference().stripTrailing()));
        root.ctx.out().println(write + " updated");
        return 0;
    }
}
