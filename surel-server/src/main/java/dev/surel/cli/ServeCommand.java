package dev.surel.cli;

import dev.surel.config.SurelConfig;
import dev.surel.log.Logging;
import dev.surel.server.SurelServer;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel serve}: sets up the log ({@code [log]}), starts the server and runs until
 * SIGTERM/SIGINT or {@code surel stop}; either closes it gracefully. Exits 0 after a stop, 1 when
 * it cannot start, 78 on a configuration error (JVM: 143 after SIGTERM, 130 after SIGINT).
 */
@Command(name = "serve", description = "Start the server (all configured listeners, admin channel, store maintenance).",
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Override
    public Integer call() throws Exception {
        SurelConfig config = Main.loadConfig(root, root.ctx.err());
        if (config == null) return Main.EX_CONFIG;
        try {
            Logging.configure(config.log());
        } catch (Logging.LogSetupException e) {
            root.ctx.err().println("surel: cannot start: " + e.getMessage());
            return 1;
        }
        SurelServer server;
        try {
            server = Main.startServer(config, Clock.systemUTC());
        } catch (SurelServer.StartException e) {
            root.ctx.err().println("surel: cannot start: " + e.getMessage());
            Logging.stop();
            return 1;
        }
        // SIGTERM/SIGINT: a graceful stop (sessions get [limits] shutdown_grace), then the log is flushed and closed
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            Logging.stop();
        }, "shutdown"));
        server.awaitClose(); // returns after `surel stop` (or a signal) closed the server
        return 0;
    }
}
