package dev.surel.protocol.sasl;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Fuzz target for the server's SASL mechanisms PLAIN, LOGIN and SCRAM-SHA-256
 * (docs/fuzzing.md). Without {@code JAZZER_FUZZ} it replays {@code SaslFuzzTestInputs/exchange};
 * {@code ./fuzz sasl} fuzzes it.
 *
 * <p>Input: byte 0 picks the mechanism ({@code P}, {@code L}, anything else SCRAM), byte 1 how
 * the exchange starts ({@code N}: no initial response, {@code E}: an empty one, else the first
 * message is the initial response), then client messages separated by the octet 0xFF (never
 * part of UTF-8). A message {@code #proof} in a SCRAM exchange is replaced by a correct
 * client-final message for the server-first message just received.
 *
 * <p>Asserts: no exception; a failure carries a reason; once complete, every further call
 * answers {@code EXCHANGE_COMPLETE}; success needs the right password (PLAIN, LOGIN) or a correct
 * proof, names a non-empty authcid (RFC 4616 §2, RFC 5802 §5.1 saslname), and a correct SCRAM
 * proof always succeeds with the server signature RFC 5802 §3 defines.
 */
class SaslFuzzTest {

    private static final String PASSWORD = "pencil";
    private static final byte[] SALT = "fuzzing-salt-16b".getBytes(StandardCharsets.US_ASCII);
    private static final ScramCredentials CREDENTIALS = Scram.derive(PASSWORD.toCharArray(), SALT, Scram.MIN_ITERATIONS);
    private static final byte[] SALTED = Scram.hi(PASSWORD.getBytes(StandardCharsets.UTF_8), SALT, Scram.MIN_ITERATIONS);

    @FuzzTest(maxDuration = "5s")
    void exchange(byte[] data) {
        if (data.length < 2) return;
        char mech = (char) data[0];
        char start = (char) data[1];
        List<byte[]> messages = split(Arrays.copyOfRange(data, 2, data.length));
        boolean[] accepted = {false};
        PasswordVerifier verifier = (authcid, pw) -> {
            accepted[0] = new String(pw).equals(PASSWORD);
            return accepted[0] ? PasswordVerifier.Verdict.ACCEPTED : PasswordVerifier.Verdict.REJECTED;
        };
        SaslMechanism m = switch (mech) {
            case 'P' -> new PlainMechanism(verifier);
            case 'L' -> new LoginMechanism(verifier);
            default -> new ScramSha256Mechanism(
                    ScramCredentialLookup.of(name -> java.util.Optional.of(CREDENTIALS)), () -> "srvnonce", new byte[16], Scram.MIN_ITERATIONS);
        };
        boolean scram = m instanceof ScramSha256Mechanism;
        SaslExchange x = m.newExchange();
        int next = 0;
        SaslStep step = switch (start) {
            case 'N' -> x.start(null);
            case 'E' -> x.start(new byte[0]);
            default -> x.start(next < messages.size() ? messages.get(next++) : new byte[0]);
        };
        String clientFirst = scram && start != 'N' && start != 'E' && !messages.isEmpty() ? utf8(messages.getFirst()) : null;
        while (true) {
            check(step != null, "null step");
            switch (step) {
                case SaslStep.Failure f -> check(f.reason() != null, "failure without a reason");
                case SaslStep.Success s -> {
                    check(!s.authcid().isEmpty(), "success with an empty authcid");
                    if (!scram) check(accepted[0], "success without the right password");
                }
                case SaslStep.Challenge c -> check(!x.isComplete(), "challenge after completion");
            }
            if (!(step instanceof SaslStep.Challenge challenge)) {
                check(x.isComplete(), "not complete after " + step);
                SaslStep after = x.respond(new byte[0]);
                check(after instanceof SaslStep.Failure(SaslStep.Reason r, var a) && r == SaslStep.Reason.EXCHANGE_COMPLETE,
                        "answer after completion: " + after);
                return;
            }
            if (next >= messages.size()) return;
            byte[] msg = messages.get(next++);
            if (scram && clientFirst == null) clientFirst = utf8(msg);
            if (scram && utf8(msg).equals("#proof") && clientFirst != null) {
                String serverFirst = utf8(challenge.data());
                if (!serverFirst.startsWith("r=")) return;
                Proof p = proof(clientFirst, serverFirst);
                step = x.respond(p.clientFinal);
                check(step instanceof SaslStep.Success s && Arrays.equals(s.serverFinal().orElseThrow(), p.serverFinal),
                        "a correct SCRAM proof did not succeed: " + step);
                continue;
            }
            step = x.respond(msg);
        }
    }

    private record Proof(byte[] clientFinal, byte[] serverFinal) { }

    /** RFC 5802 §3: the client's proof and the server's signature for this exchange. */
    private static Proof proof(String clientFirst, String serverFirst) {
        int c1 = clientFirst.indexOf(',');
        int c2 = clientFirst.indexOf(',', c1 + 1);
        String gs2 = clientFirst.substring(0, c2 + 1);
        String bare = clientFirst.substring(c2 + 1);
        String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2.getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
        byte[] auth = (bare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientKey = Scram.hmac(SALTED, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] signature = Scram.hmac(Scram.sha256(clientKey), auth);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
        byte[] serverKey = Scram.hmac(SALTED, "Server Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverFinal = ("v=" + Base64.getEncoder().encodeToString(Scram.hmac(serverKey, auth))).getBytes(StandardCharsets.US_ASCII);
        String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        return new Proof(clientFinal.getBytes(StandardCharsets.UTF_8), serverFinal);
    }

    private static List<byte[]> split(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == (byte) 0xff) {
                out.add(Arrays.copyOfRange(b, from, i));
                from = i + 1;
            }
        }
        return out;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
