package dev.surel.protocol.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.dmarc.DmarcRecord.Policy;
import dev.surel.protocol.dmarc.DmarcResult.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** RFC 7489 §6.6.2-§6.6.4: discovery, alignment, p/sp/pct, and the §6.6.1 From cases. */
class DmarcEvaluatorTest {

    private final Map<String, DmarcLookup.Answer> zone = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private int draw = 0;
    private final RandomGenerator random = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int nextInt(int bound) {
            return draw;
        }
    };
    private final DmarcEvaluator evaluator = new DmarcEvaluator(d -> {
        asked.add(d);
        return zone.getOrDefault(d, new DmarcLookup.NoRecord());
    }, random);

    private void txt(String domain, String... texts) {
        zone.put(domain, new DmarcLookup.Records(List.of(texts)));
    }

    private DmarcResult one(String from, List<String> dkim, String spf) {
        List<DmarcResult> r = evaluator.evaluate(FromDomains.of(List.of(" <a@" + from + ">")), dkim, Optional.ofNullable(spf));
        assertThat(r).hasSize(1);
        return r.getFirst();
    }

    @Test
    void alignedDkimPasses() {
        txt("example.com", "v=DMARC1; p=reject");
        DmarcResult r = one("example.com", List.of("mail.example.com"), null);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.applied()).isEqualTo(Policy.NONE);
        assertThat(r.policyDomain()).contains("example.com");
    }

    @Test
    void strictDkimNeedsTheSameName() {
        txt("example.com", "v=DMARC1; p=reject; adkim=s");
        assertThat(one("example.com", List.of("mail.example.com"), null).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(one("example.com", List.of("example.com"), null).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void alignedSpfPasses() {
        txt("example.com", "v=DMARC1; p=reject; aspf=r");
        assertThat(one("example.com", List.of(), "bounce.example.com").verdict()).isEqualTo(Verdict.PASS);
        txt("example.org", "v=DMARC1; p=reject; aspf=s");
        assertThat(one("example.org", List.of(), "bounce.example.org").verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void unalignedFailsWithThePolicy() {
        txt("bank.example", "v=DMARC1; p=reject");
        DmarcResult r = one("bank.example", List.of("attacker.example"), "attacker.example");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.requested()).isEqualTo(Policy.REJECT);
        assertThat(r.applied()).isEqualTo(Policy.REJECT);
    }

    @Test
    void subdomainFallsBackToTheOrganizationalDomainAndItsSp() {
        txt("example.co.uk", "v=DMARC1; p=reject; sp=quarantine");
        DmarcResult r = one("news.example.co.uk", List.of(), null);
        assertThat(asked).containsExactly("news.example.co.uk", "example.co.uk");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.policyDomain()).contains("example.co.uk");
        assertThat(r.applied()).isEqualTo(Policy.QUARANTINE);
        // without sp= the p= applies to subdomains
        txt("example.com", "v=DMARC1; p=reject");
        assertThat(one("a.b.example.com", List.of(), null).applied()).isEqualTo(Policy.REJECT);
    }

    @Test
    void recordAtTheFromDomainWinsAndNonDmarcTxtIsIgnored() {
        txt("example.com", "v=DMARC1; p=reject");
        txt("news.example.com", "v=spf1 -all", "v=DMARC1; p=none");
        assertThat(one("news.example.com", List.of(), null).applied()).isEqualTo(Policy.NONE);
        assertThat(asked).containsExactly("news.example.com");
        txt("x.example.com", "v=spf1 -all"); // only non-DMARC text: go on to the organizational domain
        assertThat(one("x.example.com", List.of(), null).applied()).isEqualTo(Policy.REJECT);
    }

    @Test
    void noRecordIsNone() {
        DmarcResult r = one("example.net", List.of(), null);
        assertThat(r.verdict()).isEqualTo(Verdict.NONE);
        assertThat(asked).containsExactly("example.net"); // it is its own organizational domain: one lookup
        assertThat(one("co.uk", List.of(), null).verdict()).isEqualTo(Verdict.NONE);
    }

    @Test
    void temporaryFailureIsTemperror() {
        zone.put("example.com", new DmarcLookup.Temporary("SERVFAIL"));
        assertThat(one("example.com", List.of(), null).verdict()).isEqualTo(Verdict.TEMPERROR);
        zone.put("sub.example.org", new DmarcLookup.NoRecord());
        zone.put("example.org", new DmarcLookup.Temporary("timeout"));
        assertThat(one("sub.example.org", List.of(), null).verdict()).isEqualTo(Verdict.TEMPERROR);
    }

    @Test
    void invalidOrSeveralRecordsArePermerrorWithoutPolicy() {
        txt("example.com", "v=DMARC1; p=bogus");
        DmarcResult r = one("example.com", List.of(), null);
        assertThat(r.verdict()).isEqualTo(Verdict.PERMERROR);
        assertThat(r.applied()).isEqualTo(Policy.NONE);
        txt("example.net", "v=DMARC1; p=reject", "v=DMARC1; p=none");
        assertThat(one("example.net", List.of(), null).verdict()).isEqualTo(Verdict.PERMERROR);
    }

    @Test
    void pctSamplesTheFailuresAndTheRestGetTheWeakerPolicy() {
        txt("example.com", "v=DMARC1; p=reject; pct=30");
        draw = 29;
        assertThat(one("example.com", List.of(), null).applied()).isEqualTo(Policy.REJECT);
        draw = 30;
        DmarcResult out = one("example.com", List.of(), null);
        assertThat(out.applied()).isEqualTo(Policy.QUARANTINE);
        assertThat(out.sampledOut()).isTrue();
        txt("example.org", "v=DMARC1; p=quarantine; pct=0");
        draw = 0;
        assertThat(one("example.org", List.of(), null).applied()).isEqualTo(Policy.NONE);
    }

    @Test
    void fromCases() {
        assertThat(evaluator.evaluate(FromDomains.of(List.of()), List.of(), Optional.empty()).getFirst().verdict())
                .isEqualTo(Verdict.NONE);
        assertThat(evaluator.evaluate(FromDomains.of(List.of(" undisclosed")), List.of(), Optional.empty()).getFirst().verdict())
                .isEqualTo(Verdict.PERMERROR);
        // two From domains: both evaluated, the strictest decides
        txt("bank.example", "v=DMARC1; p=reject");
        txt("harmless.example", "v=DMARC1; p=none");
        List<DmarcResult> rs = evaluator.evaluate(FromDomains.of(List.of(" a@harmless.example, \"Bank\" <b@Bank.Example>")),
                List.of("harmless.example"), Optional.empty());
        assertThat(rs).extracting(DmarcResult::fromDomain).containsExactly("harmless.example", "bank.example");
        DmarcResult worst = DmarcEvaluator.strictest(rs);
        assertThat(worst.fromDomain()).isEqualTo("bank.example");
        assertThat(worst.applied()).isEqualTo(Policy.REJECT);
        // two From fields count the same way
        assertThat(FromDomains.of(List.of(" a@x.example", " b@y.example"))).isEqualTo(new FromDomains.Found(List.of("x.example", "y.example")));
        assertThat(FromDomains.of(List.of(" group: a@x.example, b@x.example;"))).isEqualTo(new FromDomains.Found(List.of("x.example")));
        assertThat(FromDomains.of(List.of(" a@[127.0.0.1]"))).isInstanceOf(FromDomains.Unusable.class);
        assertThat(FromDomains.of(List.of(" =?utf-8?q?B=C3=A4nk?= <a@b\u00fccher.example>")))
                .isEqualTo(new FromDomains.Found(List.of("xn--bcher-kva.example")));
        assertThat(FromDomains.of(List.of(" a@a.ex, b@b.ex, c@c.ex, d@d.ex, e@e.ex, f@f.ex"))).isInstanceOf(FromDomains.Unusable.class);
    }
}
