package dev.surel.imap.interop;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures the server's IMAP protocol log ({@code dev.surel.imap.protocol} at DEBUG) while open;
 * closing restores the logger as it was.
 */
final class ProtocolLogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.surel.imap.protocol");
    private final Level before = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    ProtocolLogCapture() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** The logged lines so far, formatted; clears the buffer. */
    List<String> drain() {
        // AppenderBase.doAppend adds under the appender's monitor: a session still logging cannot
        // modify the list while it is copied (ConcurrentModificationException, lost lines)
        synchronized (appender) {
            List<String> out = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            appender.list.clear();
            return out;
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(before);
        appender.stop();
    }
}
