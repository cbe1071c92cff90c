package dev.surel.auth;

import dev.surel.accounts.CredentialDeriver;
import dev.surel.accounts.Credentials;
import dev.surel.protocol.sasl.SaslPrep;
import dev.surel.protocol.sasl.Scram;
import dev.surel.protocol.sasl.ScramCredentials;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password hashing: Argon2id (RFC 9106) by Bouncy Castle ({@link Argon2id}; password4j until
 * issue 16, which kept the block memory of every parameter set for the life of the process),
 * stored as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, 32-byte hash, random 16-byte salt),
 * and SCRAM-SHA-256 credentials (RFC 5802 §3, RFC 7677) with a fresh 16-byte salt, stored as
 * {@code iterations:salt:storedKey:serverKey} (salt and keys base64).
 *
 * <p>Every password is SASLprepped ({@link SaslPrep}) and UTF-8 encoded before hashing, the
 * same way SCRAM clients prepare it, so PLAIN and SCRAM agree on what the password is.
 * Intermediate arrays are wiped; the caller wipes its own {@code char[]}.
 *
 * <p>The PHC string is written and parsed here, not by password4j: password4j 1.8.4 names the
 * variant with a locale-sensitive {@code toLowerCase()}, so under a Turkish default locale it
 * wrote {@code $argon2ıd$} (dotless i) and could not read {@code $argon2id$} back: every login
 * failed. The format is byte-for-byte what password4j writes under other locales, and the hashes
 * are the same octets ({@code PasswordHashingTest} checks both against password4j), so existing
 * stored hashes keep verifying.
 */
public final class PasswordHashing implements CredentialDeriver {
    static final int SCRAM_SALT_BYTES = 16;
    static final int ARGON2_SALT_BYTES = 16;
    static final int ARGON2_HASH_BYTES = 32;
    /** {@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}; the dotless-i spelling is what a Turkish locale made password4j write. */
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2[i\u0131]d\\$v=(\\d{1,3})\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final int argon2Memory;
    private final int argon2Iterations;
    private final int argon2Parallelism;
    private final int scramIterations;
    private final SecureRandom random;
    private final java.util.concurrent.atomic.AtomicLong verifications = new java.util.concurrent.atomic.AtomicLong();

    public PasswordHashing(AuthSettings settings, SecureRandom random) {
        this.argon2Memory = settings.argon2MemoryKib();
        this.argon2Iterations = settings.argon2Iterations();
        this.argon2Parallelism = settings.argon2Parallelism();
        this.scramIterations = settings.scramIterations();
        this.random = Objects.requireNonNull(random);
    }

    /**
     * @throws IllegalArgumentException for an empty password or one with a character SASLprep prohibits
     */
    @Override
    public Credentials derive(char[] password) {
        if (password.length == 0) throw new IllegalArgumentException("empty password");
        byte[] bytes = preparedUtf8(password);
        try {
            byte[] argonSalt = new byte[ARGON2_SALT_BYTES];
            random.nextBytes(argonSalt);
            byte[] hash = Argon2id.hash(bytes, argonSalt, argon2Memory, argon2Iterations, argon2Parallelism, 19, ARGON2_HASH_BYTES);
            String phc = phc(19, argon2Memory, argon2Iterations, argon2Parallelism, argonSalt, hash);
            byte[] salt = new byte[SCRAM_SALT_BYTES];
            random.nextBytes(salt);
            return new Credentials(phc, encodeScram(Scram.derive(password, salt, scramIterations)));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Checks {@code password} against an Argon2id PHC string (with the parameters it names). */
    public boolean verify(char[] password, String phc) {
        verifications.incrementAndGet();
        byte[] bytes;
        try {
            bytes = preparedUtf8(password);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Matcher m = PHC.matcher(phc);
            if (!m.matches()) return false;
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(m.group(5));
            byte[] expected = b64.decode(m.group(6));
            byte[] actual = Argon2id.hash(bytes, salt, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(1)), expected.length);
            return MessageDigest.isEqual(actual, expected);
        } catch (RuntimeException e) {
            return false; // an unparsable stored hash never verifies
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** How many Argon2 verifications ran (a metric; shows the verification cache working). */
    public long verifications() {
        return verifications.get();
    }

    /** The PHC string of an Argon2id hash (unpadded base64, as password4j and the reference implementation write it). */
    static String phc(int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=" + version + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** SASLprep, then UTF-8, wiping the intermediates. */
    static byte[] preparedUtf8(char[] password) {
        char[] prepared = SaslPrep.prepare(password);
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(prepared));
        Arrays.fill(prepared, '\0');
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) Arrays.fill(bb.array(), (byte) 0);
        return out;
    }

    /** {@code iterations:salt:storedKey:serverKey}, base64. */
    public static String encodeScram(ScramCredentials c) {
        Base64.Encoder b = Base64.getEncoder();
        return c.iterations() + ":" + b.encodeToString(c.salt()) + ":" + b.encodeToString(c.storedKey())
                + ":" + b.encodeToString(c.serverKey());
    }

    /** Parses {@link #encodeScram}'s format; empty if the stored value is damaged. */
    public static Optional<ScramCredentials> decodeScram(String stored) {
        String[] p = stored.split(":", -1);
        if (p.length != 4) return Optional.empty();
        try {
            Base64.Decoder b = Base64.getDecoder();
            ScramCredentials c = new ScramCredentials(b.decode(p[1]), Integer.parseInt(p[0]), b.decode(p[2]), b.decode(p[3]));
            return c.storedKey().length == 32 && c.serverKey().length == 32 ? Optional.of(c) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
