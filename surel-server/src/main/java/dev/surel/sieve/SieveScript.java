package dev.surel.sieve;

import java.time.Instant;

/** One stored script without its content: name, whether it is the active one, size in octets, last change. */
public record SieveScript(String name, boolean active, long size, Instant updated) {
}
