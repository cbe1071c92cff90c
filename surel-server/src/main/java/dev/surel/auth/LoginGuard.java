package dev.surel.auth;

import dev.surel.protocol.sasl.LoginMechanism;
import dev.surel.protocol.sasl.NonceSource;
import dev.surel.protocol.sasl.PasswordVerifier;
import dev.surel.protocol.sasl.PlainMechanism;
import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.sasl.SaslStep;
import dev.surel.protocol.sasl.ScramCredentialLookup;
import dev.surel.protocol.sasl.ScramSha256Mechanism;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Authentication for one protocol connection's peer, with throttling applied the same way
 * everywhere: what IMAP, POP3 and SMTP sessions call so each of them stays small.
 *
 * <p>Flow for every attempt from {@code ip} for {@code login}: {@link LoginThrottle#check};
 * a refusal answers a temporary failure without verifying anything; otherwise the guard sleeps
 * the decided delay (through the injected {@link Sleeper}, on the session's virtual thread),
 * verifies, and records the outcome (failure: IP, account and pair; success: clears the pair).
 *
 * <p>For SASL the session reports the end of every exchange with {@link #finish} (SCRAM's proof
 * is checked inside the mechanism, so that is where its outcome reaches the throttle), and
 * failures outside the exchange (cancelled, TLS required, bad base64) with {@link #failed}.
 * Every attempt is logged once through {@link LoginLog}: success, failure with its reason, or
 * refusal by the throttle. The clear-text rule (offer PLAIN/LOGIN only over TLS or to
 * {@code auth.cleartext_networks}) is the caller's: {@link #mechanisms} takes that decision as
 * a boolean. Never logs a password.
 */
public final class LoginGuard {
    /** The {@code mechanism} of IMAP LOGIN (RFC 9051 §6.2.3) in logs. */
    public static final String IMAP_LOGIN = "login-command";
    /** The {@code mechanism} of POP3 USER/PASS (RFC 1939 §7) in logs. */
    public static final String POP3_USER_PASS = "user-pass";

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final Sleeper sleeper;
    private final NonceSource nonces;
    private final byte[] scramMockSecret;
    private final int scramIterations;

    public LoginGuard(Authenticator authenticator, LoginThrottle throttle, Sleeper sleeper, AuthSettings settings, SecureRandom random) {
        this.authenticator = Objects.requireNonNull(authenticator);
        this.throttle = Objects.requireNonNull(throttle);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.nonces = NonceSource.secure(random);
        this.scramMockSecret = new byte[32];
        random.nextBytes(scramMockSecret);
        this.scramIterations = settings.scramIterations();
    }

    /** The throttle ({@code surel auth unblock} lifts its refusals). */
    public LoginThrottle throttle() {
        return throttle;
    }

    /** The mechanisms to offer: SCRAM-SHA-256 always, PLAIN and LOGIN only when clear text is allowed. */
    public List<SaslMechanism> mechanisms(LoginPeer peer, boolean passwordRevealingAllowed) {
        ScramSha256Mechanism scram = new ScramSha256Mechanism(scramLookup(peer), nonces, scramMockSecret, scramIterations);
        if (!passwordRevealingAllowed) return List.of(scram);
        return List.of(scram, new PlainMechanism(passwordVerifier(peer, "PLAIN")),
                new LoginMechanism(passwordVerifier(peer, "LOGIN")));
    }

    /**
     * Login with a clear-text password (IMAP LOGIN, POP3 USER/PASS: {@code mechanism} says which
     * in the log); the caller wipes {@code password}. Logs the outcome.
     */
    public LoginResult login(LoginPeer peer, String mechanism, String login, char[] password) {
        LoginResult r = verify(peer, mechanism, login, password);
        switch (r) {
            case LoginResult.Ok ok -> LoginLog.ok(peer, mechanism, login);
            case LoginResult.Rejected x -> LoginLog.failed(peer, mechanism, login, "invalid credentials");
            case LoginResult.Refused x -> { } // logged by admit
        }
        return r;
    }

    /** Throttled verification with its outcome recorded, not logged (PLAIN/LOGIN log at {@link #finish}). */
    private LoginResult verify(LoginPeer peer, String mechanism, String login, char[] password) {
        Optional<Duration> refused = admit(peer, mechanism, login);
        if (refused.isPresent()) return new LoginResult.Refused(refused.get());
        Optional<AuthenticatedUser> user = authenticator.authenticate(login, password);
        if (user.isEmpty()) {
            throttle.recordFailure(peer.ip(), login);
            return new LoginResult.Rejected();
        }
        throttle.recordSuccess(peer.ip(), login);
        return new LoginResult.Ok(user.get());
    }

    /** PLAIN/LOGIN verifier for a peer: throttled, outcome recorded (and logged at {@link #finish}). */
    private PasswordVerifier passwordVerifier(LoginPeer peer, String mechanism) {
        return (authcid, password) -> switch (verify(peer, mechanism, authcid, password)) {
            case LoginResult.Ok ok -> PasswordVerifier.Verdict.ACCEPTED;
            case LoginResult.Rejected r -> PasswordVerifier.Verdict.REJECTED;
            case LoginResult.Refused r -> PasswordVerifier.Verdict.TEMPORARY_FAILURE;
        };
    }

    /** SCRAM lookup for a peer: throttled (refusal: Unavailable); report the end with {@link #finish}. */
    private ScramCredentialLookup scramLookup(LoginPeer peer) {
        return authcid -> {
            if (admit(peer, "SCRAM-SHA-256", authcid).isPresent()) return new ScramCredentialLookup.Result.Unavailable();
            return authenticator.scramLookup().lookup(authcid);
        };
    }

    /**
     * The end of a SASL exchange with {@code mechanism} ({@code step} a Success or a Failure):
     * feeds SCRAM's outcome to the throttle (PLAIN and LOGIN fed it inside the verifier) and
     * logs the outcome. Call it once per exchange, when the session accepts the success
     * (after SCRAM's final round trip) or gives up.
     */
    public void finish(LoginPeer peer, SaslMechanism mechanism, SaslStep step) {
        boolean scram = !mechanism.revealsPassword();
        switch (step) {
            case SaslStep.Success s -> {
                if (scram) throttle.recordSuccess(peer.ip(), s.authcid());
                LoginLog.ok(peer, mechanism.name(), s.authcid());
            }
            case SaslStep.Failure f -> {
                if (scram && f.reason() == SaslStep.Reason.INVALID_CREDENTIALS) {
                    throttle.recordFailure(peer.ip(), f.authcid().orElse(null));
                }
                if (f.reason() != SaslStep.Reason.TEMPORARY_FAILURE) { // a refusal, logged by admit
                    LoginLog.failed(peer, mechanism.name(), f.authcid().orElse(null), reason(f.reason()));
                }
            }
            case SaslStep.Challenge c -> throw new IllegalArgumentException("the exchange has not ended");
        }
    }

    /**
     * Logs a login that failed outside the mechanism: cancelled by the client, refused for lack
     * of TLS, an unknown mechanism, bad base64. {@code user} may be null.
     */
    public void failed(LoginPeer peer, String mechanism, String user, String reason) {
        LoginLog.failed(peer, mechanism, user, reason);
    }

    private static String reason(SaslStep.Reason r) {
        return switch (r) {
            case INVALID_CREDENTIALS -> "invalid credentials";
            case MALFORMED -> "malformed SASL message";
            case TOO_LONG -> "SASL message too long";
            case AUTHZID_NOT_PERMITTED -> "authorization identity not permitted";
            case CHANNEL_BINDING_NOT_SUPPORTED -> "channel binding not supported";
            case TEMPORARY_FAILURE -> "temporary failure";
            case EXCHANGE_COMPLETE -> "response after the end of the exchange";
        };
    }

    /** The account behind a successful SASL authcid. */
    public Optional<AuthenticatedUser> user(String authcid) {
        return authenticator.user(authcid);
    }

    /** Throttle check and delay; the retry-after when refused (logged here). */
    private Optional<Duration> admit(LoginPeer peer, String mechanism, String login) {
        switch (throttle.check(peer.ip(), login)) {
            case Decision.Refuse r -> {
                String why = throttle.refusalReason(peer.ip(), login);
                LoginLog.refused(peer, mechanism, login, why == null ? "too many failed logins" : why, r.retryAfter());
                return Optional.of(r.retryAfter());
            }
            case Decision.Allow a -> {
                if (a.delay().isPositive()) {
                    try {
                        sleeper.sleep(a.delay());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        LoginLog.refused(peer, mechanism, login, "interrupted (server stopping)", Duration.ZERO);
                        return Optional.of(Duration.ZERO);
                    }
                }
                return Optional.empty();
            }
        }
    }
}
