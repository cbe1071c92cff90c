package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streaming body canonicalization (RFC 6376 §3.4.3, §3.4.4) and {@link MessageHasher}: fed in
 * pieces of any size they give what the whole-message code of RFC 6376 §3.4 gives, written here
 * once more line by line as the oracle.
 */
class BodyCanonicalizerTest {

    @Test
    void rfc6376Section345Examples() {
        // RFC 6376 §3.4.5: the body " C \r\nD \t E\r\n\r\n\r\n"
        byte[] body = " C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(streamed(Canonicalization.RELAXED, body, 1), StandardCharsets.ISO_8859_1)).isEqualTo(" C\r\nD E\r\n");
        assertThat(new String(streamed(Canonicalization.SIMPLE, body, 3), StandardCharsets.ISO_8859_1)).isEqualTo(" C \r\nD \t E\r\n");
        assertThat(streamed(Canonicalization.SIMPLE, new byte[0], 1)).containsExactly('\r', '\n');
        assertThat(streamed(Canonicalization.RELAXED, new byte[0], 1)).isEmpty();
    }

    @Test
    void streamedInAnyPiecesEqualsTheLineByLineOracle() {
        Random random = new Random(6376);
        byte[] alphabet = {'a', ' ', '\t', '\r', '\n', '\r', '\n', '.', 'z'};
        for (int round = 0; round < 3000; round++) {
            byte[] body = new byte[random.nextInt(40)];
            for (int i = 0; i < body.length; i++) body[i] = alphabet[random.nextInt(alphabet.length)];
            for (Canonicalization c : Canonicalization.values()) {
                byte[] expected = oracle(c, body);
                int piece = 1 + random.nextInt(8);
                assertThat(streamed(c, body, piece)).as(c + " " + Arrays.toString(body) + " in pieces of " + piece).isEqualTo(expected);
                assertThat(c.body(body)).isEqualTo(expected);
            }
        }
    }

    @Test
    void hasherSplitsHeaderAndBodyLikeTheWholeMessageSigner() throws Exception {
        KeyPair keys = DkimSignerTest.keys("Ed25519");
        DkimSigner signer = DkimSigner.relaxed(keys.getPrivate(), "example.org", "sel");
        byte[] message = DkimSignerTest.MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        for (int piece : new int[] {1, 2, 3, 7, 4096}) {
            MessageHasher h = new MessageHasher(4096, Set.of(Canonicalization.RELAXED, Canonicalization.SIMPLE));
            for (int i = 0; i < message.length; i += piece) h.write(message, i, Math.min(piece, message.length - i));
            String field = signer.sign(h.finish(), DkimSignerTest.NOW);
            assertThat(DkimSignerTest.verify(field + DkimSignerTest.MESSAGE, DkimSignerTest.lookup(keys)))
                    .extracting(DkimResult::verdict).as("pieces of " + piece).containsExactly(DkimResult.Verdict.PASS);
        }
        // a message that starts with its empty line has no header fields: all of it is body
        MessageHasher h = new MessageHasher(100, Set.of(Canonicalization.SIMPLE));
        h.write("\r\nbody\r\n".getBytes(StandardCharsets.ISO_8859_1));
        MessageHasher.Result r = h.finish();
        assertThat(r.headers()).isEmpty();
        assertThat(r.bodyHashes().get(Canonicalization.SIMPLE)).isEqualTo(DkimHash.sha256("body\r\n".getBytes(), 6));
    }

    @Test
    void aHeaderSectionOverTheLimitIsRefused() throws Exception {
        MessageHasher h = new MessageHasher(64, Set.of(Canonicalization.RELAXED));
        byte[] big = ("Subject: " + "x".repeat(100) + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.ISO_8859_1);
        h.write(big, 0, big.length);
        assertThatThrownBy(h::finish).isInstanceOf(DkimException.class).hasMessageContaining("64");
    }

    private static byte[] streamed(Canonicalization c, byte[] body, int piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BodyCanonicalizer bc = new BodyCanonicalizer(c, out)) {
            for (int i = 0; i < body.length; i += piece) bc.write(body, i, Math.min(piece, body.length - i));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** RFC 6376 §3.4.3 / §3.4.4 read literally: split at CRLF, treat each line, drop trailing empty lines. */
    private static byte[] oracle(Canonicalization c, byte[] body) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        java.util.List<String> lines = new java.util.ArrayList<>(Arrays.asList(s.split("\r\n", -1)));
        if (lines.getLast().isEmpty()) lines.removeLast(); // the text after the last CRLF (none, or an unfinished line)
        if (c == Canonicalization.RELAXED) {
            lines.replaceAll(l -> l.replaceAll("[ \t]+", " ").replaceAll(" \\z", ""));
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) lines.removeLast();
        StringBuilder out = new StringBuilder();
        for (String l : lines) out.append(l).append("\r\n");
        if (c == Canonicalization.SIMPLE && out.isEmpty()) out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
