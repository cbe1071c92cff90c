package dev.surel.server;

import dev.surel.admin.AdminOps;
import dev.surel.config.SurelConfig;

/** STUB until the store and accounts land. */
public final class Services implements AutoCloseable {
    public static Services open(SurelConfig config) {
        throw new UnsupportedOperationException("not yet");
    }

    public AdminOps admin() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
