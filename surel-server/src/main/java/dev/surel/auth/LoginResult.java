package dev.surel.auth;

import java.time.Duration;

/** The outcome of {@link LoginGuard#login} (IMAP LOGIN, POP3 USER/PASS). */
public sealed interface LoginResult {
    /** Logged in. */
    record Ok(AuthenticatedUser user) implements LoginResult { }

    /** Wrong login or password (not distinguished). */
    record Rejected() implements LoginResult { }

    /** Too many failures: refused without checking; a temporary failure for the protocol. */
    record Refused(Duration retryAfter) implements LoginResult { }
}
