package dev.surel.cli;

import dev.surel.config.ConfigException;
import dev.surel.config.ConfigSchema;
import dev.surel.config.SurelConfig;
import dev.surel.server.SurelServer;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code surel serve}: starts the server and runs until SIGTERM/SIGINT. */
@Command(name = "serve", description = "Start the server (all configured listeners, admin channel, store maintenance).",
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Override
    public Integer call() throws Exception {
        SurelConfig config;
        try {
            config = root.loadConfig();
        } catch (ConfigException e) {
            root.ctx.err().println("surel: configuration: " + e.getMessage());
            return 78; // sysexits EX_CONFIG
        }
        applyLogLevel(config.values().get(ConfigSchema.LOG_LEVEL));
        SurelServer server;
        try {
            server = SurelServer.start(config, Clock.systemUTC());
        } catch (SurelServer.StartException e) {
            root.ctx.err().println("surel: cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        server.awaitClose();
        return 0;
    }

    /** {@code [log] level}, unless the environment's SUREL_LOG_LEVEL (read by logback.xml) says otherwise. */
    private static void applyLogLevel(String level) {
        if (System.getenv("SUREL_LOG_LEVEL") != null) return;
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.INFO));
        }
    }
}
