package dev.surel.server;

import dev.surel.config.SurelConfig;
import java.time.Clock;

/** STUB. */
public final class SurelServer implements AutoCloseable {
    public static SurelServer start(SurelConfig config, Clock clock) {
        throw new StartException("not yet");
    }

    public void awaitClose() {
    }

    @Override
    public void close() {
    }

    public static final class StartException extends RuntimeException {
        public StartException(String m) {
            super(m);
        }
    }
}
