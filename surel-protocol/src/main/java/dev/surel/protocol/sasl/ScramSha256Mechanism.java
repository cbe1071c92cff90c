package dev.surel.protocol.sasl;

import dev.surel.protocol.sasl.SaslStep.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677), server side, without channel binding.
 *
 * <p>Exchange: client-first ({@code gs2-header client-first-bare}) → server-first
 * ({@code r=,s=,i=}) → client-final ({@code c=,r=,...,p=}) → {@link SaslStep.Success} carrying
 * the server-final {@code v=} message. Without an initial response the server first sends an
 * empty challenge.
 *
 * <p>Rules: gs2 flag {@code n} and {@code y} are accepted (RFC 5802 §6: the server does not
 * offer -PLUS, so {@code y} is no downgrade), {@code p=} fails with
 * {@link Reason#CHANNEL_BINDING_NOT_SUPPORTED}; a mandatory extension {@code m=} fails; the
 * {@code c=} attribute must be the base64 of the gs2 header exactly; the nonce must echo the
 * combined nonce; the authzid must be empty or equal (ignoring case) to the user name;
 * responses over {@link SaslMechanism#MAX_RESPONSE_BYTES} fail.
 *
 * <p>Unknown users (RFC 5802 §5.1): the exchange continues with a salt derived from
 * HMAC-SHA-256(mockSecret, username) and the configured iteration count, so the server-first
 * message of an unknown user looks like that of a real one and is stable across attempts;
 * the exchange then fails at the end with {@link Reason#INVALID_CREDENTIALS}, exactly as a
 * wrong proof does. (A client knowing the real default iteration count of old accounts could
 * still tell; stored accounts all use the configured count unless it was changed.)
 */
public final class ScramSha256Mechanism implements SaslMechanism {
    private final ScramCredentialLookup lookup;
    private final NonceSource nonces;
    private final byte[] mockSecret;
    private final int mockIterations;

    /**
     * @param mockSecret a per-installation (or per-process) random secret for unknown users' salts
     * @param mockIterations the iteration count announced for unknown users (the configured one)
     */
    public ScramSha256Mechanism(ScramCredentialLookup lookup, NonceSource nonces, byte[] mockSecret, int mockIterations) {
        this.lookup = Objects.requireNonNull(lookup);
        this.nonces = Objects.requireNonNull(nonces);
        this.mockSecret = mockSecret.clone();
        this.mockIterations = mockIterations;
    }

    @Override public String name() { return "SCRAM-SHA-256"; }
    @Override public boolean revealsPassword() { return false; }
    @Override public SaslExchange newExchange() { return new Exchange(); }

    private enum State { NEW, CLIENT_FIRST, CLIENT_FINAL, DONE }

    private final class Exchange implements SaslExchange {
        private State state = State.NEW;
        private String username;
        private String gs2Header;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;
        private ScramCredentials credentials;
        private boolean known;

        @Override
        public SaslStep start(byte[] initialResponse) {
            if (state != State.NEW) return fail(Reason.EXCHANGE_COMPLETE);
            state = State.CLIENT_FIRST;
            if (initialResponse == null) return new SaslStep.Challenge(new byte[0]);
            return respond(initialResponse);
        }

        @Override
        public SaslStep respond(byte[] response) {
            if (response.length > MAX_RESPONSE_BYTES) return fail(Reason.TOO_LONG);
            return switch (state) {
                case CLIENT_FIRST -> clientFirst(response);
                case CLIENT_FINAL -> clientFinal(response);
                case NEW, DONE -> fail(Reason.EXCHANGE_COMPLETE);
            };
        }

        @Override public boolean isComplete() { return state == State.DONE; }

        private SaslStep fail(Reason reason) {
            state = State.DONE;
            return SaslStep.failure(reason, username);
        }

        private SaslStep clientFirst(byte[] bytes) {
            String msg = Utf8.decodeString(bytes, 0, bytes.length);
            if (msg == null) return fail(Reason.MALFORMED);
            int c1 = msg.indexOf(',');
            if (c1 < 0) return fail(Reason.MALFORMED);
            String flag = msg.substring(0, c1);
            if (flag.startsWith("p=")) return fail(Reason.CHANNEL_BINDING_NOT_SUPPORTED);
            if (!flag.equals("n") && !flag.equals("y")) return fail(Reason.MALFORMED);
            int c2 = msg.indexOf(',', c1 + 1);
            if (c2 < 0) return fail(Reason.MALFORMED);
            String authzidAttr = msg.substring(c1 + 1, c2);
            String authzid = "";
            if (!authzidAttr.isEmpty()) {
                if (!authzidAttr.startsWith("a=")) return fail(Reason.MALFORMED);
                authzid = decodeSaslName(authzidAttr.substring(2));
                if (authzid == null || authzid.isEmpty()) return fail(Reason.MALFORMED);
            }
            gs2Header = msg.substring(0, c2 + 1);
            clientFirstBare = msg.substring(c2 + 1);
            String[] attrs = clientFirstBare.split(",", -1);
            if (attrs.length < 2 || attrs[0].startsWith("m=")) return fail(Reason.MALFORMED);
            if (!attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) return fail(Reason.MALFORMED);
            String name = decodeSaslName(attrs[0].substring(2));
            String clientNonce = attrs[1].substring(2);
            if (name == null || name.isEmpty() || !printable(clientNonce)) return fail(Reason.MALFORMED);
            try {
                name = SaslPrep.prepare(name);
                authzid = SaslPrep.prepare(authzid);
            } catch (SaslPrep.ProhibitedCharacter e) {
                return fail(Reason.MALFORMED);
            }
            if (name.isEmpty()) return fail(Reason.MALFORMED); // RFC 5802 §5.1: saslname after SASLprep is 1*(...)
            username = name;
            if (!authzid.isEmpty() && !authzid.equalsIgnoreCase(username)) return fail(Reason.AUTHZID_NOT_PERMITTED);
            switch (lookup.lookup(username)) {
                case ScramCredentialLookup.Result.Found f -> {
                    credentials = f.credentials();
                    known = true;
                }
                case ScramCredentialLookup.Result.Unknown u -> credentials = mockCredentials(username);
                case ScramCredentialLookup.Result.Unavailable u -> {
                    return fail(Reason.TEMPORARY_FAILURE);
                }
            }
            String serverNonce = nonces.next();
            if (!printable(serverNonce)) throw new IllegalStateException("nonce source returned a non-printable nonce");
            nonce = clientNonce + serverNonce;
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credentials.salt())
                    + ",i=" + credentials.iterations();
            state = State.CLIENT_FINAL;
            return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        private SaslStep clientFinal(byte[] bytes) {
            String msg = Utf8.decodeString(bytes, 0, bytes.length);
            if (msg == null) return fail(Reason.MALFORMED);
            int p = msg.lastIndexOf(",p=");
            if (p < 0) return fail(Reason.MALFORMED);
            String withoutProof = msg.substring(0, p);
            String[] attrs = withoutProof.split(",", -1);
            if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) return fail(Reason.MALFORMED);
            byte[] cbind;
            byte[] proof;
            try {
                cbind = Base64.getDecoder().decode(attrs[0].substring(2));
                proof = Base64.getDecoder().decode(msg.substring(p + 3));
            } catch (IllegalArgumentException e) {
                return fail(Reason.MALFORMED);
            }
            if (!Arrays.equals(cbind, gs2Header.getBytes(StandardCharsets.UTF_8))) return fail(Reason.MALFORMED);
            if (!attrs[1].substring(2).equals(nonce)) return fail(Reason.MALFORMED);
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] storedKey = credentials.storedKey();
            byte[] clientSignature = Scram.hmac(storedKey, authMessage);
            if (proof.length != clientSignature.length) return fail(Reason.INVALID_CREDENTIALS);
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            boolean match = MessageDigest.isEqual(Scram.sha256(clientKey), storedKey);
            if (!match || !known) return fail(Reason.INVALID_CREDENTIALS);
            byte[] serverSignature = Scram.hmac(credentials.serverKey(), authMessage);
            state = State.DONE;
            byte[] serverFinal = ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.US_ASCII);
            return new SaslStep.Success(username, Optional.of(serverFinal));
        }
    }

    private ScramCredentials mockCredentials(String username) {
        byte[] mac = Scram.hmac(mockSecret, ("surel-scram-mock:" + username).getBytes(StandardCharsets.UTF_8));
        byte[] salt = Arrays.copyOf(mac, 16);
        byte[] key = Scram.sha256(mac); // never matches: !known fails anyway
        return new ScramCredentials(salt, mockIterations, key, key);
    }

    /** RFC 5802 §7 saslname: "=2C" is ',', "=3D" is '=', any other '=' is an error. */
    static String decodeSaslName(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') return null;
            if (c != '=') {
                b.append(c);
                continue;
            }
            if (s.startsWith("=2C", i)) b.append(',');
            else if (s.startsWith("=3D", i)) b.append('=');
            else return null;
            i += 2;
        }
        return b.toString();
    }

    /** RFC 5802 §7 printable: %x21-2B / %x2D-7E. */
    static boolean printable(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') return false;
        }
        return true;
    }
}
