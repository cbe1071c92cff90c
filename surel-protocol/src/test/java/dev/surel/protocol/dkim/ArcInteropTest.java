package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARC (RFC 8617) against dkimpy (Debian python3-dkim, with python3-authres): chains sealed by
 * dkimpy validated by Surel ({@link ArcValidator}, §5.2), and sets added by Surel's
 * {@link ArcSealer} (§5.1) validated by dkimpy's {@code arc_verify}. Keys come from maps, no DNS.
 */
class ArcInteropTest {

    /** argv: key file, selector, domain, authserv-id; stdin: message; stdout: the ARC set dkimpy adds. */
    static final String SEAL = """
            import dkim, sys
            key = open(sys.argv[1], 'rb').read()
            m = sys.stdin.buffer.read()
            fields = dkim.arc_sign(m, sys.argv[2].encode(), sys.argv[3].encode(), key, sys.argv[4].encode(),
                                   timestamp=1796644800)
            sys.stdout.buffer.write(b''.join(fields))
            """;

    /** argv: name=record pairs; stdin: message. Exit 0 when dkimpy finds the chain passes; its reason on stdout. */
    static final String VERIFY = """
            import dkim, sys
            recs = dict(a.split('=', 1) for a in sys.argv[1:])
            m = sys.stdin.buffer.read()
            cv, results, reason = dkim.arc_verify(m, dnsfunc=lambda name, timeout=5: recs.get(name.decode().rstrip('.'), '').encode() or None)
            sys.stdout.write('%s %s' % (cv, reason))
            sys.exit(0 if cv == b'pass' else 1)
            """;

    static final String LIST = "lists.example.net";
    static final String FORWARDER = "fwd.example.com";

    @TempDir
    Path dir;

    private final KeyPair listKey = DkimSignerTest.keys("RSA");
    private final KeyPair forwarderKey = DkimSignerTest.keys("RSA");

    private final KeyLookup keys = (selector, domain) -> {
        KeyPair k = switch (domain) {
            case LIST -> listKey;
            case FORWARDER -> forwarderKey;
            default -> null;
        };
        return k == null || !selector.equals("arc") ? new KeyLookup.NoKey()
                : new KeyLookup.Records(java.util.List.of(KeyRecord.publish(k.getPublic())));
    };

    @Test
    void surelValidatesChainsSealedByDkimpy() throws Exception {
        String once = dkimpySeal(LIST, listKey, "Authentication-Results: " + LIST + "; dkim=pass header.d=example.org\r\n"
                + DkimSignerTest.MESSAGE);
        assertThat(once).startsWith("ARC-Seal: i=1;");
        ArcResult one = validate(once);
        assertThat(one.verdict()).as(one.reason()).isEqualTo(ArcResult.Verdict.PASS);
        assertThat(one.sets()).extracting(s -> s.sealTags().domain()).containsExactly(LIST);
        assertThat(one.sets().getFirst().resultsPayload()).startsWith(LIST + "; dkim=pass");

        String twice = dkimpySeal(FORWARDER, forwarderKey, "Authentication-Results: " + FORWARDER + "; arc=pass; spf=pass smtp.mailfrom=lists.example.net\r\n" + once);
        ArcResult two = validate(twice);
        assertThat(two.verdict()).as(two.reason()).isEqualTo(ArcResult.Verdict.PASS);
        assertThat(two.sets()).extracting(s -> s.sealTags().domain()).containsExactly(LIST, FORWARDER);
        assertThat(two.sets()).extracting(s -> s.sealTags().status()).containsExactly(ArcSeal.ChainStatus.NONE, ArcSeal.ChainStatus.PASS);

        // §5.2 step 5: the latest AMS covers the body.
        ArcResult body = validate(twice.replace("hungry", "angry"));
        assertThat(body.verdict()).isEqualTo(ArcResult.Verdict.FAIL);
        assertThat(body.reason()).contains("ARC-Message-Signature i=2").contains("body hash");
        // §5.2 step 7: every seal covers every earlier set, here the first hop's results.
        ArcResult results = validate(twice.replace("dkim=pass header.d=example.org", "dkim=pass header.d=example.com"));
        assertThat(results.verdict()).isEqualTo(ArcResult.Verdict.FAIL);
        assertThat(results.reason()).contains("ARC-Seal i=2").contains("did not verify");
        // A seal whose key is gone.
        KeyLookup noList = (s, d) -> d.equals(LIST) ? new KeyLookup.NoKey() : keys.lookup(s, d);
        ArcResult missing = validate(twice, noList);
        assertThat(missing.verdict()).isEqualTo(ArcResult.Verdict.FAIL);
        assertThat(missing.reason()).contains("ARC-Seal i=1").contains("no key");
    }

    @Test
    void dkimpyValidatesSetsSealedBySurel() throws Exception {
        String first = surelSeal(FORWARDER, forwarderKey, ArcResult.Verdict.NONE,
                FORWARDER + "; spf=pass smtp.mailfrom=example.org; arc=none", DkimSignerTest.MESSAGE);
        assertThat(first).startsWith("ARC-Seal: i=1; a=rsa-sha256;").contains("cv=none");
        assertThat(dkimpyVerify(first)).startsWith("0 b'pass'");
        assertThat(validate(first).verdict()).isEqualTo(ArcResult.Verdict.PASS);

        String second = surelSeal(LIST, listKey, ArcResult.Verdict.PASS, LIST + "; arc=pass", first);
        assertThat(second).startsWith("ARC-Seal: i=2;").contains("cv=pass");
        assertThat(dkimpyVerify(second)).startsWith("0 b'pass'");
        assertThat(validate(second).verdict()).isEqualTo(ArcResult.Verdict.PASS);
        assertThat(dkimpyVerify(second.replace("hungry", "angry"))).startsWith("1 b'fail'");
    }

    /** RFC 8617 §5.1.2: a chain that failed here, or one that already has 50 sets, is not continued. */
    @Test
    void failedChainsAreNotContinued() throws Exception {
        String first = surelSeal(FORWARDER, forwarderKey, ArcResult.Verdict.NONE, FORWARDER + "; arc=none", DkimSignerTest.MESSAGE);
        ArcSealer sealer = new ArcSealer(listKey.getPrivate(), LIST, "arc");
        assertThat(sealer.seal(hash(first), ArcResult.Verdict.FAIL, LIST + "; arc=fail", DkimSignerTest.NOW)).isEmpty();
        assertThat(sealer.seal(hash(DkimSignerTest.MESSAGE), ArcResult.Verdict.PASS, LIST + "; arc=pass", DkimSignerTest.NOW)).isEmpty();
    }

    private ArcResult validate(String message) {
        return validate(message, keys);
    }

    private static ArcResult validate(String message, KeyLookup keys) {
        DkimStream s = new DkimVerifier(keys).stream(1 << 20);
        byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
        s.write(b, 0, b.length);
        s.finish(DkimSignerTest.NOW);
        return s.arc();
    }

    private String surelSeal(String domain, KeyPair key, ArcResult.Verdict validated, String results, String message) throws Exception {
        return new ArcSealer(key.getPrivate(), domain, "arc").seal(hash(message), validated, results, DkimSignerTest.NOW).orElseThrow()
                + message;
    }

    private static MessageHasher.Result hash(String message) throws Exception {
        MessageHasher h = new MessageHasher(1 << 20, java.util.Set.of(Canonicalization.RELAXED));
        h.write(message.getBytes(StandardCharsets.ISO_8859_1));
        return h.finish();
    }

    private String dkimpySeal(String domain, KeyPair key, String message) throws Exception {
        Dkimpy.Run r = Dkimpy.run(dir, message, SEAL, Dkimpy.writeKey(dir, key).toString(), "arc", domain, domain);
        assertThat(r.exit()).isZero();
        return r.out() + message;
    }

    private String dkimpyVerify(String message) throws Exception {
        Map<String, KeyPair> all = Map.of(LIST, listKey, FORWARDER, forwarderKey);
        java.util.List<String> args = new java.util.ArrayList<>();
        all.forEach((d, k) -> args.add("arc._domainkey." + d + "=" + KeyRecord.publish(k.getPublic())));
        Dkimpy.Run r = Dkimpy.run(dir, message, VERIFY, args.toArray(String[]::new));
        return r.exit() + " " + r.out();
    }
}
