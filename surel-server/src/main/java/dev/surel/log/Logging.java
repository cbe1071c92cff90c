package dev.surel.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LogSettings} to the process's Logback context, once, when {@code surel serve}
 * starts (before anything else is logged). Without a file and in text format the appender of
 * {@code logback.xml} (standard error) stays; otherwise it is replaced by:
 * <ul>
 *   <li>a {@link RollingFileAppender} with a {@link SizeAndTimeBasedRollingPolicy}: the file rolls
 *       over at midnight (local time) and whenever it reaches {@code max_size}; rolled files are
 *       {@code NAME.YYYY-MM-DD.N.log.gz} beside it (gzipped in the background), deleted after
 *       {@code max_history} days or when all of them exceed {@code max_total_size} (oldest first),
 *       at each rollover and at start. A file left from a run on an earlier day is rolled over
 *       under that day's name at the first event;</li>
 *   <li>or a console appender on standard error (JSON without a file).</li>
 * </ul>
 * JSON lines come from Logback's own {@link JsonEncoder}: one object per event and line, the
 * formatted message as {@code formattedMessage}, SLF4J key-value pairs as {@code kvpList}.
 */
public final class Logging {

    /** The environment variable that overrides {@code [log] level} (also read by logback.xml). */
    public static final String LEVEL_ENV = "SUREL_LOG_LEVEL";
    /** The text layout: the same as logback.xml's. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";

    private Logging() {
    }

    /**
     * Sets the level and the appender; throws {@link LogSetupException} when the log file cannot
     * be written (missing directory, permissions), leaving the logging as it was.
     */
    public static void configure(LogSettings s) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return; // another SLF4J binding: leave it
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        if (s.file() == null && s.format() == LogSettings.Format.TEXT) {
            setLevel(root, s);
            return;
        }
        if (s.file() != null) checkWritable(s.file());
        long since = System.currentTimeMillis();
        OutputStreamAppender<ILoggingEvent> appender = s.file() == null ? console(ctx, s) : rolling(ctx, s);
        if (!appender.isStarted()) {
            appender.stop();
            throw new LogSetupException("log file " + s.file() + ": " + errorsSince(ctx, since));
        }
        setLevel(root, s);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    /** Stops the context: files flushed and closed, background compression of rolled files finished. */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) ctx.stop();
    }

    private static void setLevel(Logger root, LogSettings s) {
        if (System.getenv(LEVEL_ENV) == null) root.setLevel(Level.toLevel(s.level(), Level.INFO));
    }

    /** Says in words why the file cannot be written, before Logback tries (its own errors are less clear). */
    private static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (file.toString().contains("%")) throw new LogSetupException("log file " + file + ": the name may not contain %");
        if (!Files.isDirectory(dir)) throw new LogSetupException("log file " + file + ": directory " + dir + " does not exist");
        if (Files.isDirectory(file)) throw new LogSetupException("log file " + file + " is a directory");
        String user = System.getProperty("user.name");
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new LogSetupException("log file " + file + ": permission denied (not writable by user " + user + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new LogSetupException("log file " + file + ": directory " + dir + " is not writable by user " + user
                    + " (the file and its rolled-over copies are created there)");
        }
    }

    private static OutputStreamAppender<ILoggingEvent> console(LoggerContext ctx, LogSettings s) {
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(ctx);
        a.setName("STDERR");
        a.setTarget("System.err");
        a.setEncoder(encoder(ctx, s.format()));
        a.start();
        return a;
    }

    private static OutputStreamAppender<ILoggingEvent> rolling(LoggerContext ctx, LogSettings s) {
        RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
        a.setContext(ctx);
        a.setName("FILE");
        a.setFile(s.file().toAbsolutePath().toString());
        a.setAppend(true);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> p = new SizeAndTimeBasedRollingPolicy<>();
        p.setContext(ctx);
        p.setParent(a);
        p.setFileNamePattern(rolledPattern(s.file().toAbsolutePath()));
        p.setMaxFileSize(new FileSize(s.maxSize()));
        p.setMaxHistory(s.maxHistory());
        p.setTotalSizeCap(new FileSize(s.maxTotalSize()));
        p.setCleanHistoryOnStart(true);
        p.start();
        a.setRollingPolicy(p);
        a.setEncoder(encoder(ctx, s.format()));
        a.start();
        return a;
    }

    /** {@code /var/log/surel/surel.log} rolls over to {@code /var/log/surel/surel.2026-12-01.0.log.gz}. */
    static String rolledPattern(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        String suffix = name.endsWith(".log") ? ".log" : "";
        return file.resolveSibling(base).toString() + ".%d{yyyy-MM-dd}.%i" + suffix + ".gz";
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, LogSettings.Format format) {
        return switch (format) {
            case TEXT -> {
                PatternLayoutEncoder e = new PatternLayoutEncoder();
                e.setContext(ctx);
                e.setPattern(PATTERN);
                e.start();
                yield e;
            }
            case JSON -> {
                JsonEncoder e = new JsonEncoder();
                e.setContext(ctx);
                e.setWithSequenceNumber(false);
                e.setWithNanoseconds(false);
                e.setWithContext(false);
                e.setWithMessage(false);   // the pattern with {} placeholders ...
                e.setWithArguments(false); // ... and its arguments: the formatted message says both
                e.setWithFormattedMessage(true);
                e.start();
                yield e;
            }
        };
    }

    private static String errorsSince(LoggerContext ctx, long since) {
        List<Status> errors = ctx.getStatusManager().getCopyOfStatusList().stream()
                .filter(st -> st.getLevel() == Status.ERROR && st.getTimestamp() >= since).toList();
        if (errors.isEmpty()) return "cannot be opened";
        return errors.stream().map(st -> st.getMessage() + (st.getThrowable() == null ? "" : ": " + st.getThrowable().getMessage()))
                .collect(Collectors.joining("; "));
    }

    /** The log cannot be set up as configured; the message says why, for the administrator. */
    public static final class LogSetupException extends RuntimeException {
        public LogSetupException(String message) {
            super(message);
        }
    }
}
