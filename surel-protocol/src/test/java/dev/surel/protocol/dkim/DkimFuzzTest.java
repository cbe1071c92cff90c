package dev.surel.protocol.dkim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Fuzz target for {@link DkimVerifier} (docs/fuzzing.md). Without {@code JAZZER_FUZZ} it replays
 * {@code DkimFuzzTestInputs/verify}; {@code ./fuzz dkim} fuzzes it.
 *
 * <p>The input is a message; the first octet picks the key lookup's answer (the RFC 8463
 * example keys, none, a temporary failure, or the first DKIM-Signature's own text as a key
 * record). Asserts: never an exception; at most {@link DkimVerifier#DEFAULT_LIMIT} results, each
 * with a verdict and a reason; unsigned body content is only reported with l=; pass only with
 * the example keys; parsing the signature fields alone throws nothing but {@link DkimException}.
 * The ARC validation of the same message (RFC 8617) gives a verdict and a reason, never a pass
 * without a real key, and keeps the sets only when it passes.
 */
class DkimFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void verify(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] message = java.util.Arrays.copyOfRange(input, 1, input.length);
        HeaderField.Split split = HeaderField.split(message);
        KeyLookup keys = switch (input[0] & 3) {
            case 0 -> Rfc8463ExampleTest.LOOKUP;
            case 1 -> (s, d) -> new KeyLookup.NoKey();
            case 2 -> (s, d) -> new KeyLookup.Temporary("fuzz");
            default -> (s, d) -> new KeyLookup.Records(split.headers().stream().map(HeaderField::value).limit(3).toList());
        };
        DkimStream stream = new DkimVerifier(keys).stream(Integer.MAX_VALUE);
        stream.write(message, 0, message.length);
        List<DkimResult> results = stream.finish(Instant.EPOCH);
        check(results.size() <= DkimVerifier.DEFAULT_LIMIT, "more results than the limit");
        ArcResult arc = stream.arc();
        check(arc.verdict() != null && arc.reason() != null && !arc.reason().isEmpty(), "ARC result without verdict or reason");
        check(arc.verdict() != ArcResult.Verdict.PASS || keys == Rfc8463ExampleTest.LOOKUP, "ARC pass without a real key");
        check(arc.verdict() == ArcResult.Verdict.PASS || arc.sets().isEmpty(), "ARC sets kept without a pass");
        for (DkimResult r : results) {
            check(r.verdict() != null && r.reason() != null && !r.reason().isEmpty(), "result without verdict or reason");
            check(r.verdict() != DkimResult.Verdict.PASS || keys == Rfc8463ExampleTest.LOOKUP, "pass without a real key");
        }
        for (HeaderField f : split.headers()) {
            try {
                DkimSignature s = DkimSignature.parse(f.value());
                check(s.signedHeaders().stream().anyMatch("from"::equalsIgnoreCase), "From not signed yet accepted");
                KeyRecord.parse(f.value());
            } catch (DkimException expected) {
                // a refusal with a reason is the expected outcome for most inputs
            }
        }
        String text = new String(message, StandardCharsets.ISO_8859_1);
        // RFC 6376 §3.2: FWS may surround the "=", so "l =5" is an l= tag too
        check(results.stream().noneMatch(DkimResult::unsignedBodyFollows) || java.util.regex.Pattern.compile("l[ \\t\\r\\n]*=")
                .matcher(text).find(), "unsigned content without l=");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
