package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8617 §5.2 steps 1 to 4: the form of an ARC chain, before any signature is checked. */
class ArcChainTest {

    private static final String B = "b=AAAA";

    private static List<HeaderField> set(int i, String cv) {
        return List.of(
                new HeaderField("ARC-Seal", "ARC-Seal: i=" + i + "; a=rsa-sha256; cv=" + cv + "; d=example.net; s=arc; " + B),
                new HeaderField("ARC-Message-Signature", "ARC-Message-Signature: i=" + i
                        + "; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=arc; h=from:to; bh=AAAA; " + B),
                new HeaderField("ARC-Authentication-Results", "ARC-Authentication-Results: i=" + i + "; example.net; spf=pass"));
    }

    private static ArcChain.Outcome of(List<List<HeaderField>> sets) {
        List<HeaderField> all = new ArrayList<>();
        sets.reversed().forEach(all::addAll);
        all.add(new HeaderField("From", "From: a@example.org"));
        return ArcChain.of(all, ArcChain.MAX_INSTANCES);
    }

    @Test
    void wellFormedChainsInInstanceOrder() {
        ArcChain.Outcome o = of(List.of(set(1, "none"), set(2, "pass"), set(3, "pass")));
        assertThat(o).isInstanceOf(ArcChain.Chain.class);
        assertThat(((ArcChain.Chain) o).sets()).extracting(ArcChain.ArcSet::instance).containsExactly(1, 2, 3);
        assertThat(((ArcChain.Chain) o).latest().resultsPayload()).isEqualTo("example.net; spf=pass");
        assertThat(ArcChain.of(List.of(new HeaderField("From", "From: a@example.org")), 50)).isInstanceOf(ArcChain.Absent.class);
    }

    @Test
    void brokenForms() {
        assertThat(reason(of(List.of(set(1, "none"), set(3, "pass"))))).isEqualTo("ARC set 2 is incomplete");
        assertThat(reason(of(List.of(set(1, "none"), set(1, "none"))))).startsWith("two ARC-Seal fields with i=1");
        assertThat(reason(of(List.of(set(1, "pass"))))).isEqualTo("ARC-Seal i=1 has cv=pass, not none");
        assertThat(reason(of(List.of(set(1, "none"), set(2, "none"))))).isEqualTo("ARC-Seal i=2 has cv=none, not pass");
        assertThat(reason(of(List.of(set(1, "none"), set(2, "fail"))))).contains("cv=fail");
        assertThat(reason(of(List.of(set(1, "none").subList(0, 2))))).isEqualTo("ARC set 1 is incomplete");
        assertThat(reason(of(List.of(set(51, "pass"))))).contains("outside 1-50");
        assertThat(reason(of(List.of(set(0, "none"))))).contains("outside 1-50");
        assertThat(reason(of(List.of(set(1, "maybe"))))).contains("unknown cv=maybe");
        List<HeaderField> noInstance = List.of(new HeaderField("ARC-Authentication-Results", "ARC-Authentication-Results: example.net; spf=pass"));
        assertThat(reason(ArcChain.of(noInstance, 50))).contains("does not start with i=");
        List<HeaderField> sealWithH = List.of(new HeaderField("ARC-Seal", "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=x; s=y; h=from; " + B));
        assertThat(reason(ArcChain.of(sealWithH, 50))).contains("h=");
    }

    @Test
    void longerChainsThanTheLimitAreBroken() {
        List<List<HeaderField>> sets = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            sets.add(set(i, i == 1 ? "none" : "pass"));
        }
        List<HeaderField> all = new ArrayList<>();
        sets.forEach(all::addAll);
        assertThat(ArcChain.of(all, 11)).isInstanceOf(ArcChain.Chain.class);
        assertThat(reason(ArcChain.of(all, 10))).isEqualTo("more than 10 ARC sets");
    }

    private static String reason(ArcChain.Outcome o) {
        assertThat(o).isInstanceOf(ArcChain.Broken.class);
        return ((ArcChain.Broken) o).reason();
    }
}
