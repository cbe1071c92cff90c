package dev.surel.auth;

import dev.surel.protocol.sasl.LoginMechanism;
import dev.surel.protocol.sasl.NonceSource;
import dev.surel.protocol.sasl.PasswordVerifier;
import dev.surel.protocol.sasl.PlainMechanism;
import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.sasl.SaslStep;
import dev.surel.protocol.sasl.ScramCredentialLookup;
import dev.surel.protocol.sasl.ScramSha256Mechanism;
import java.net.InetAddress;
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
 * <p>For SCRAM the proof is checked inside the mechanism, so the session reports the final
 * step with {@link #recordOutcome}. The clear-text rule (offer PLAIN/LOGIN only over TLS or to
 * {@code auth.cleartext_networks}) is the caller's: {@link #mechanisms} takes that decision as
 * a boolean. Never logs a password.
 */
public final class LoginGuard {
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

    /** The mechanisms to offer: SCRAM-SHA-256 always, PLAIN and LOGIN only when clear text is allowed. */
    public List<SaslMechanism> mechanisms(InetAddress ip, boolean passwordRevealingAllowed) {
        ScramSha256Mechanism scram = new ScramSha256Mechanism(scramLookup(ip), nonces, scramMockSecret, scramIterations);
        if (!passwordRevealingAllowed) return List.of(scram);
        PasswordVerifier v = passwordVerifier(ip);
        return List.of(scram, new PlainMechanism(v), new LoginMechanism(v));
    }

    /** Login with a clear-text password (IMAP LOGIN, POP3 USER/PASS); the caller wipes {@code password}. */
    public LoginResult login(InetAddress ip, String login, char[] password) {
        Optional<Duration> refused = admit(ip, login);
        if (refused.isPresent()) return new LoginResult.Refused(refused.get());
        Optional<AuthenticatedUser> user = authenticator.authenticate(login, password);
        if (user.isEmpty()) {
            throttle.recordFailure(ip, login);
            return new LoginResult.Rejected();
        }
        throttle.recordSuccess(ip, login);
        return new LoginResult.Ok(user.get());
    }

    /** PLAIN/LOGIN verifier for a peer: throttled, outcome recorded. */
    public PasswordVerifier passwordVerifier(InetAddress ip) {
        return (authcid, password) -> switch (login(ip, authcid, password)) {
            case LoginResult.Ok ok -> PasswordVerifier.Verdict.ACCEPTED;
            case LoginResult.Rejected r -> PasswordVerifier.Verdict.REJECTED;
            case LoginResult.Refused r -> PasswordVerifier.Verdict.TEMPORARY_FAILURE;
        };
    }

    /** SCRAM lookup for a peer: throttled (refusal: Unavailable); report the end with {@link #recordOutcome}. */
    public ScramCredentialLookup scramLookup(InetAddress ip) {
        return authcid -> {
            if (admit(ip, authcid).isPresent()) return new ScramCredentialLookup.Result.Unavailable();
            return authenticator.scramLookup().lookup(authcid);
        };
    }

    /**
     * Records the final step of a SCRAM exchange: INVALID_CREDENTIALS counts as a failure,
     * Success clears the pair. Call it for SCRAM exchanges only: PLAIN and LOGIN record their
     * outcome inside the verifier.
     */
    public void recordOutcome(InetAddress ip, SaslStep step) {
        switch (step) {
            case SaslStep.Success s -> throttle.recordSuccess(ip, s.authcid());
            case SaslStep.Failure f when f.reason() == SaslStep.Reason.INVALID_CREDENTIALS ->
                    throttle.recordFailure(ip, f.authcid().orElse(null));
            default -> { }
        }
    }

    /** The account behind a successful SASL authcid. */
    public Optional<AuthenticatedUser> user(String authcid) {
        return authenticator.user(authcid);
    }

    /** Throttle check and delay; the retry-after when refused. */
    private Optional<Duration> admit(InetAddress ip, String login) {
        switch (throttle.check(ip, login)) {
            case Decision.Refuse r -> {
                return Optional.of(r.retryAfter());
            }
            case Decision.Allow a -> {
                if (a.delay().isPositive()) {
                    try {
                        sleeper.sleep(a.delay());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.of(Duration.ZERO);
                    }
                }
                return Optional.empty();
            }
        }
    }
}
