package dev.surel.store;

import dev.surel.server.Services;

/**
 * A planted violation for {@code ArchitectureTest}: a class in the store (a low layer) that uses
 * the server's {@link Services} (the top wiring layer), which makes a cycle (server → store →
 * server) and an upward dependency. It lives only in the test sources; the rules must reject it.
 */
public final class PlantedViolation {

    private PlantedViolation() {
    }

    static MailStore reachUp(Services services) {
        return services.store();
    }
}
