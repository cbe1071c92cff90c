package dev.surel.sieve;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A script's octets as text: strict UTF-8 (RFC 5228 §2.1, RFC 5804 §1.6), invalid octets named by their line. */
public final class ScriptSource {

    private ScriptSource() {
    }

    public static String decode(byte[] octets) throws ScriptError {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(octets);
        CharBuffer out = CharBuffer.allocate(octets.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (octets[i] == '\n') line++;
            }
            throw new ScriptError(line, "the script is not valid UTF-8");
        }
        return out.flip().toString();
    }
}
