package dev.surel.cli;

import dev.surel.admin.AdminOps;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads and writes, and the operations it may call. In the server (admin
 * channel) the streams are the remote client's and there is no console.
 */
public record CliContext(AdminOps ops, InputStream in, PrintStream out, PrintStream err, Console console) {
}
