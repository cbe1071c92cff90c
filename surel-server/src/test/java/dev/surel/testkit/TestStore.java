package dev.surel.testkit;

import dev.surel.config.SurelConfig;
import dev.surel.server.Services;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's data directory opened without a server: the services {@code Services.open} gives
 * (store, directory, queue, ...) on the setup's configuration and clock, with its users added;
 * for tests of what lies under the protocols (the queue, delivery). Closing it closes what it
 * was given ({@link #closeAfter}, e.g. queue runners) first, then the services.
 */
public final class TestStore extends TestData {
    private final Path dir;
    private final SurelConfig config;
    private final Services services;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private TestStore(TestSetup setup, Path dir, SurelConfig config, Services services) {
        super(setup);
        this.dir = dir;
        this.config = config;
        this.services = services;
    }

    static TestStore open(TestSetup setup, Path dir) {
        SurelConfig config = setup.write(dir);
        Services services = Services.open(config, setup.clock);
        try {
            setup.provision(services.directory());
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return new TestStore(setup, dir, config, services);
    }

    @Override
    public Services services() {
        return services;
    }

    @Override
    public Path dir() {
        return dir;
    }

    public SurelConfig config() {
        return config;
    }

    /** Closes {@code c} when this closes (before the services); returns it. */
    public synchronized <T extends AutoCloseable> T closeAfter(T c) {
        owned.add(c);
        return c;
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c, e);
            }
        }
        services.close();
    }
}
