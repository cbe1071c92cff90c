package dev.surel.auth;

import java.time.Duration;

/** Waits on the calling (virtual) thread; tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d);

    void sleep(Duration d) throws InterruptedException;
}
