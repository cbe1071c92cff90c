package dev.surel.queue;

import dev.surel.sieve.SieveMemory;
import dev.surel.sieve.SieveRunner;
import dev.surel.sieve.SieveScripts;

/**
 * What local delivery needs to run the users' Sieve scripts ({@link SieveDelivery}): the stored
 * scripts, the vacation and duplicate records, the runner with the site's global scripts, and
 * the spam filter's thresholds for spamtest (RFC 5235).
 */
public record SieveSetup(SieveScripts scripts, SieveMemory memory, SieveRunner runner, double junkScore, double rejectScore) {
}
