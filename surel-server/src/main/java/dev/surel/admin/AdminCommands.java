package dev.surel.admin;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The administrative commands a running server answers on its admin channel, given to the
 * server by whoever starts it ({@code surel serve} gives the CLI's own): one command line run
 * against the server's {@link AdminOps}, with {@link ServerControl} for {@code status} and
 * {@code stop} (null until the server is ready).
 */
@FunctionalInterface
public interface AdminCommands {
    int run(List<String> args, AdminOps ops, ServerControl control, InputStream in, PrintStream out, PrintStream err);
}
