package dev.surel.cli;

import dev.surel.admin.AdminOps;
import dev.surel.admin.ServerControl;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads and writes, and the operations it may call. In the server (admin
 * channel) the streams are the remote client's and there is no console; {@code control} is the
 * running server's ({@code status}, {@code stop}), null in a CLI working without a server and in
 * a server that is still starting.
 */
public record CliContext(AdminOps ops, ServerControl control, InputStream in, PrintStream out, PrintStream err, Console console) {
}
