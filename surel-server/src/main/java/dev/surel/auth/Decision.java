package dev.surel.auth;

import java.time.Duration;

/**
 * What the {@link LoginThrottle} says about a login attempt. The session waits
 * {@link Allow#delay()} on its own virtual thread before answering, or refuses the attempt
 * with a temporary failure (IMAP {@code NO [UNAVAILABLE]}, SMTP {@code 454 4.7.0}, POP3
 * {@code -ERR [SYS/TEMP]}) without verifying anything.
 */
public sealed interface Decision {
    record Allow(Duration delay) implements Decision { }

    record Refuse(Duration retryAfter) implements Decision { }

    static Decision allow(Duration delay) {
        return new Allow(delay);
    }

    static Decision refuse(Duration retryAfter) {
        return new Refuse(retryAfter);
    }
}
