package dev.surel.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.TestDnsServer;
import dev.surel.mailauth.InboundVerdict.Disposition;
import dev.surel.mailauth.MailAuthSettings.Action;
import dev.surel.mailauth.MailAuthSettings.TempAction;
import dev.surel.protocol.spf.SpfResult;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The [mail_auth] policy over real DNS answers (a loopback {@link TestDnsServer}): each setting
 * (reject / quarantine / mark, temperror mark / defer), pct= sampling with an injected random
 * source, SPF alignment. SPF outcomes come from a fixed {@link SpfCheck} (the contract; the
 * DNS-backed check is another part of issue 14).
 */
class InboundPolicyTest {

    static TestDnsServer dns;
    static DnsResolver resolver;

    @BeforeAll
    static void zone() throws Exception {
        dns = new TestDnsServer();
        dns.zone("""
                _dmarc.bank.example. 300 IN TXT "v=DMARC1; p=reject"
                _dmarc.half.example. 300 IN TXT "v=DMARC1; p=reject; pct=50"
                _dmarc.shop.example. 300 IN TXT "v=DMARC1; p=quarantine"
                _dmarc.lax.example. 300 IN TXT "v=DMARC1; p=none"
                """);
        dns.servfail("_dmarc.down.example");
        resolver = new DnsResolver(List.of(dns.address()), Duration.ofSeconds(2), Clock.systemUTC(), 100);
    }

    @AfterAll
    static void close() throws Exception {
        dns.close();
    }

    static MailAuthSettings settings(Action reject, Action quarantine, Action spfFail, TempAction temp) {
        return new MailAuthSettings(true, reject, quarantine, spfFail, temp, 10, 256 * 1024);
    }

    static InboundVerdict check(MailAuthSettings s, SpfResult spf, String mailFrom, String from, int draw) throws Exception {
        RandomGenerator random = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt(int bound) {
                return draw;
            }
        };
        SpfCheck fixed = (ip, helo, mf) -> new SpfCheck.SpfOutcome(spf, "mailfrom", mf.substring(mf.indexOf('@') + 1), "fixed");
        InboundAuth auth = InboundAuth.over(s, resolver, fixed, "mx.example.test", Clock.systemUTC(), random);
        MessageCheck c = auth.message(auth.spf(InetAddress.getLoopbackAddress(), "client.example", mailFrom));
        byte[] m = ("From: <a@" + from + ">\r\nSubject: s\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        c.write(m, 0, m.length);
        return c.finish();
    }

    static final MailAuthSettings DEFAULTS = MailAuthSettings.defaults();

    @Test
    void defaults() throws Exception {
        assertThat(check(DEFAULTS, SpfResult.NONE, "x@evil.example", "bank.example", 0).disposition()).isEqualTo(Disposition.REJECT);
        assertThat(check(DEFAULTS, SpfResult.NONE, "x@evil.example", "shop.example", 0).disposition()).isEqualTo(Disposition.JUNK);
        assertThat(check(DEFAULTS, SpfResult.NONE, "x@evil.example", "lax.example", 0).disposition()).isEqualTo(Disposition.ACCEPT);
        // SPF fail without DMARC: marked only
        InboundVerdict v = check(DEFAULTS, SpfResult.FAIL, "x@nodmarc.example", "nodmarc.example", 0);
        assertThat(v.disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(v.authResults()).contains("spf=fail (fixed) smtp.mailfrom=x@nodmarc.example").contains("dmarc=none");
        // DNS trouble never refuses
        v = check(DEFAULTS, SpfResult.NONE, "x@down.example", "down.example", 0);
        assertThat(v.disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(v.authResults()).contains("dmarc=temperror");
    }

    @Test
    void eachActionIsConfigurable() throws Exception {
        MailAuthSettings soft = settings(Action.QUARANTINE, Action.MARK, Action.REJECT, TempAction.DEFER);
        assertThat(check(soft, SpfResult.NONE, "x@evil.example", "bank.example", 0).disposition()).isEqualTo(Disposition.JUNK);
        assertThat(check(soft, SpfResult.NONE, "x@evil.example", "shop.example", 0).disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(check(soft, SpfResult.FAIL, "x@nodmarc.example", "nodmarc.example", 0).disposition()).isEqualTo(Disposition.REJECT);
        assertThat(check(soft, SpfResult.NONE, "x@down.example", "down.example", 0).disposition()).isEqualTo(Disposition.DEFER);
        MailAuthSettings marks = settings(Action.MARK, Action.REJECT, Action.QUARANTINE, TempAction.MARK);
        assertThat(check(marks, SpfResult.NONE, "x@evil.example", "bank.example", 0).disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(check(marks, SpfResult.NONE, "x@evil.example", "shop.example", 0).disposition()).isEqualTo(Disposition.REJECT);
        assertThat(check(marks, SpfResult.FAIL, "x@nodmarc.example", "nodmarc.example", 0).disposition()).isEqualTo(Disposition.JUNK);
    }

    @Test
    void pctSamplesWithTheInjectedRandom() throws Exception {
        assertThat(check(DEFAULTS, SpfResult.NONE, "x@evil.example", "half.example", 49).disposition()).isEqualTo(Disposition.REJECT);
        InboundVerdict out = check(DEFAULTS, SpfResult.NONE, "x@evil.example", "half.example", 50);
        assertThat(out.disposition()).as("outside the sample: the next weaker policy, quarantine").isEqualTo(Disposition.JUNK);
        assertThat(out.authResults()).contains("dmarc=fail (p=reject dis=quarantine;");
    }

    @Test
    void alignedSpfPassIsEnoughForDmarc() throws Exception {
        InboundVerdict v = check(DEFAULTS, SpfResult.PASS, "bounce@mail.bank.example", "bank.example", 0);
        assertThat(v.disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(v.authResults()).contains("spf=pass").contains("dmarc=pass (p=reject dis=none; aligned SPF) header.from=bank.example");
        // SPF passed for an unrelated domain: no help
        assertThat(check(DEFAULTS, SpfResult.PASS, "bounce@evil.example", "bank.example", 0).disposition()).isEqualTo(Disposition.REJECT);
        // an SPF lookup that failed for now turns a DMARC fail into temperror
        assertThat(check(DEFAULTS, SpfResult.TEMPERROR, "bounce@evil.example", "bank.example", 0).disposition())
                .isEqualTo(Disposition.ACCEPT);
    }

    @Test
    void dkimKeyOutcomesFromDns() throws Exception {
        java.security.KeyPair k = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        dev.surel.protocol.dkim.DkimSigner signer = dev.surel.protocol.dkim.DkimSigner.relaxed(k.getPrivate(), "keys.example", "gone");
        String m = "From: <a@keys.example>\r\nSubject: s\r\n\r\nbody\r\n";
        String signed = signer.sign(m.getBytes(StandardCharsets.US_ASCII), java.time.Instant.now()) + m;
        dns.zone("bad._domainkey.keys.example. 300 IN TXT \"v=DKIM1; k=ed25519; p=!!!\"");
        InboundAuth auth = InboundAuth.over(DEFAULTS, resolver, SpfCheck.NONE, "mx.example.test", Clock.systemUTC(),
                RandomGenerator.getDefault());
        for (String[] c : new String[][] {{"gone", "dkim=permerror (no key for signature)"}, {"bad", "dkim=permerror (key record"}}) {
            MessageCheck check = auth.message(auth.spf(InetAddress.getLoopbackAddress(), "h", "a@keys.example"));
            byte[] b = signed.replace("s=gone", "s=" + c[0]).getBytes(StandardCharsets.US_ASCII);
            check.write(b, 0, b.length);
            assertThat(check.finish().authResults()).contains(c[1]).contains("header.s=" + c[0]);
        }
    }

    @Test
    void noFromAndTwoFromDomains() throws Exception {
        InboundAuth auth = InboundAuth.over(DEFAULTS, resolver, SpfCheck.NONE, "mx.example.test", Clock.systemUTC(),
                RandomGenerator.getDefault());
        MessageCheck c = auth.message(auth.spf(InetAddress.getLoopbackAddress(), "h", "a@b.example"));
        byte[] m = "Subject: no from\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        c.write(m, 0, m.length);
        InboundVerdict v = c.finish();
        assertThat(v.disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(v.authResults()).contains("dmarc=none (no From field");
        c = auth.message(auth.spf(InetAddress.getLoopbackAddress(), "h", "a@b.example"));
        m = "From: a@lax.example, b@bank.example\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        c.write(m, 0, m.length);
        v = c.finish();
        assertThat(v.disposition()).as("the strictest From domain decides").isEqualTo(Disposition.REJECT);
        assertThat(v.authResults()).contains("header.from=lax.example").contains("header.from=bank.example");
    }
}
