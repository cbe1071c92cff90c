package dev.surel.protocol.sieve;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * What a script may ask of the server beyond the message, answered by the deliverer: the current
 * time and local zone (RFC 5260), whether a mailbox exists (RFC 5490 §3.1), the spam and virus
 * test values (RFC 5235), whether a duplicate id was seen (RFC 7352) and the scripts
 * {@code include} names (RFC 6609). The defaults answer as a server without these would.
 */
public interface SieveEnvironment {

    /** Now, in the server's local time zone (the default zone of date and currentdate). */
    ZonedDateTime now();

    /** RFC 5230 §4.1, RFC 6131 §2: the shortest vacation period the site allows (Pigeonhole's default: a day). */
    default long vacationMinSeconds() {
        return 86_400;
    }

    /** The longest vacation period the site allows. */
    default long vacationMaxSeconds() {
        return 365L * 86_400;
    }

    /** RFC 5490 §3.1: {@code mailboxexists}; a name the user cannot file into counts as absent. */
    default boolean mailboxExists(String mailbox) {
        return false;
    }

    /** RFC 5235 §3.2: 0 not tested, 1 certainly not spam ... 10 certainly spam. */
    default int spamTest() {
        return 0;
    }

    /** RFC 5235 §3.2 {@code :percent}: 0 to 100, or -1 when not tested. */
    default int spamTestPercent() {
        return -1;
    }

    /** RFC 5235 §3.3: 0 not tested, 1 no virus ... 5 virus found. */
    default int virusTest() {
        return 0;
    }

    /**
     * RFC 7352 §3: whether {@code id} under {@code handle} was recorded (by an earlier delivery's
     * {@link SieveResult#duplicates()}) and has not expired.
     */
    default boolean duplicateSeen(String handle, String id) {
        return false;
    }

    /**
     * RFC 6609 §3.2: the source of the user's ({@code global} false) or the global script
     * {@code name}, or empty when there is none.
     */
    default Optional<String> script(String name, boolean global) {
        return Optional.empty();
    }
}
