package dev.surel.auth;

import dev.surel.accounts.AccountCredentials;
import dev.surel.accounts.Directory;
import dev.surel.protocol.sasl.PasswordVerifier;
import dev.surel.protocol.sasl.ScramCredentialLookup;
import dev.surel.protocol.sasl.ScramCredentials;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a login and password against the {@link Directory}.
 *
 * <p>The login is the full address, case-insensitive ({@code Tim@Example.COM} is
 * {@code tim@example.com}); a bare local part is not accepted, because which domain it means
 * could change when a domain is added. Sub-address tags are not stripped at login.
 *
 * <p>Cache invariants: a bounded LRU of recent successful verifications, keyed on
 * {@code storedPhcString + HMAC-SHA-256(processSecret, SASLprep(password))}. The PHC string
 * carries a random salt, so a {@code passwd} (a new PHC string) makes every old entry
 * unreachable: the old password is refused at once and the entry ages out. Failures are never
 * cached. The process secret is random per instance and never leaves memory. Trade-off: an
 * attacker who can read the process's memory could test guesses against cached entries at
 * HMAC speed instead of Argon2 speed — only for passwords that were recently used correctly.
 *
 * <p>Unknown logins still run one Argon2 verification (against a dummy hash), so timing does
 * not tell which logins exist. Nothing here logs a password, hash or secret.
 */
public final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final Directory directory;
    private final PasswordHashing hashing;
    private final byte[] processSecret = new byte[32];
    /** HMAC-SHA-256 keyed with the process secret, cloned per login (a lookup and key set-up per login cost more than the HMAC). */
    private volatile Mac keyedMac;
    private final int cacheSize;
    private final Map<String, Boolean> cache;
    private final String dummyHash;

    public Authenticator(Directory directory, PasswordHashing hashing, AuthSettings settings, SecureRandom random) {
        this.directory = Objects.requireNonNull(directory);
        this.hashing = Objects.requireNonNull(hashing);
        random.nextBytes(processSecret);
        this.cacheSize = settings.verificationCacheSize();
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > cacheSize;
            }
        };
        byte[] r = new byte[24];
        random.nextBytes(r);
        char[] dummy = Base64.getEncoder().encodeToString(r).toCharArray();
        this.dummyHash = hashing.derive(dummy).passwordHash();
        Arrays.fill(dummy, '\0');
    }

    /** Verifies {@code password} for {@code login}; the caller wipes {@code password}. */
    public Optional<AuthenticatedUser> authenticate(String login, char[] password) {
        Optional<AccountCredentials> found = directory.credentials(login);
        if (found.isEmpty()) {
            hashing.verify(password, dummyHash);
            return Optional.empty();
        }
        AccountCredentials account = found.get();
        String phc = account.credentials().passwordHash();
        String key = cacheKey(phc, password);
        if (key != null && cached(key)) return Optional.of(new AuthenticatedUser(account.accountId(), account.address()));
        if (!hashing.verify(password, phc)) return Optional.empty();
        if (key != null && cacheSize > 0) {
            synchronized (cache) {
                cache.put(key, Boolean.TRUE);
            }
        }
        return Optional.of(new AuthenticatedUser(account.accountId(), account.address()));
    }

    /** The account of a login (after a successful SASL exchange), without verifying anything. */
    public Optional<AuthenticatedUser> user(String login) {
        return directory.credentials(login).map(a -> new AuthenticatedUser(a.accountId(), a.address()));
    }

    /** The SCRAM-SHA-256 credentials of {@code login}; empty for unknown logins or damaged data. */
    public Optional<ScramCredentials> scramCredentials(String login) {
        return directory.credentials(login).flatMap(a -> {
            Optional<ScramCredentials> c = PasswordHashing.decodeScram(a.credentials().scramSha256());
            if (c.isEmpty()) log.warn("damaged SCRAM credentials for account {}", a.accountId());
            return c;
        });
    }

    /** PLAIN/LOGIN adapter without throttling (sessions wrap it with {@link LoginThrottle}). */
    public PasswordVerifier passwordVerifier() {
        return (authcid, password) -> authenticate(authcid, password).isPresent()
                ? PasswordVerifier.Verdict.ACCEPTED : PasswordVerifier.Verdict.REJECTED;
    }

    /** SCRAM-SHA-256 adapter without throttling. */
    public ScramCredentialLookup scramLookup() {
        return ScramCredentialLookup.of(this::scramCredentials);
    }

    /** Number of cached verifications (for tests and metrics). */
    public int cachedVerifications() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private boolean cached(String key) {
        synchronized (cache) {
            return cache.get(key) != null;
        }
    }

    /** A fresh HMAC keyed with the process secret: a clone of a keyed one when the provider can clone, else made anew. */
    private Mac mac() throws GeneralSecurityException {
        Mac proto = keyedMac;
        if (proto != null) {
            try {
                return (Mac) proto.clone();
            } catch (CloneNotSupportedException e) {
                // fall through: made anew each time
            }
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(processSecret, "HmacSHA256"));
        if (proto == null) {
            try {
                keyedMac = (Mac) mac.clone(); // never used itself, only cloned (clone() reads it); two logins racing here both store one
            } catch (CloneNotSupportedException e) {
                // leave null
            }
        }
        return mac;
    }

    private String cacheKey(String phc, char[] password) {
        if (cacheSize == 0) return null;
        byte[] pw;
        try {
            pw = PasswordHashing.preparedUtf8(password);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            return phc + "\n" + Base64.getEncoder().encodeToString(mac().doFinal(pw));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }
}
