package dev.surel.admin;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** Runs one CLI command line against live {@link AdminOps}; implemented by the CLI. */
@FunctionalInterface
public interface AdminCommandRunner {
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err);
}
