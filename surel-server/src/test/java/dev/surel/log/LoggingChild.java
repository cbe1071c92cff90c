package dev.surel.log;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.slf4j.LoggerFactory;

/**
 * A child JVM for {@link LoggingTest}: sets up the log as {@code surel serve} does
 * ({@link Logging#configure}) with the settings in its arguments, writes {@code lines} lines of
 * about 100 octets that do not compress much, and stops the log as {@code serve} does at exit.
 *
 * <p>Arguments: file, max_size, max_history, max_total_size, lines.
 */
public final class LoggingChild {

    private LoggingChild() {
    }

    public static void main(String[] args) {
        LogSettings s = new LogSettings("info", Path.of(args[0]), LogSettings.Format.TEXT, Long.parseLong(args[1]),
                Integer.parseInt(args[2]), Long.parseLong(args[3]));
        Logging.configure(s);
        var log = LoggerFactory.getLogger("child");
        Random random = new Random(42);
        byte[] noise = new byte[24];
        for (int i = 0; i < Integer.parseInt(args[4]); i++) {
            random.nextBytes(noise);
            log.info("line {} {}", i, HexFormat.of().formatHex(noise));
            pause(); // rollovers some milliseconds apart, as in a real log: Logback compresses and caps asynchronously
        }
        Logging.stop();
    }

    private static void pause() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
