package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** regex (draft-ietf-sieve-regex-01): match type, groups as match variables, :quoteregex, bounds. */
class SieveRegexTest {

    private final SieveRun r = new SieveRun();
    private static final String REQ = "require [\"regex\", \"variables\", \"fileinto\"];\n";

    @Test
    void matchesAndGroups() throws SieveException {
        assertThat(r.describe(REQ + "if header :regex \"subject\" \"^caf(.) (m[a-z]+)$\" { fileinto \"${1}-${2}-${0}\"; }"))
                .isEqualTo("fileinto é-meeting-café meeting");
        // unanchored; case-insensitive under i;ascii-casemap, not under i;octet
        assertThat(r.describe(REQ + "if header :regex \"subject\" \"MEET\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(REQ + "if header :regex :comparator \"i;octet\" \"subject\" \"MEET\" { discard; }"))
                .isEqualTo("implicit keep");
        assertThat(r.describe(REQ + "if address :regex :domain \"to\" \"[[:alpha:]]+\\\\.net\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(REQ + "set :quoteregex \"q\" \"a.b*\"; fileinto \"${q}\";")).isEqualTo("fileinto a\\.b\\*");
    }

    @Test
    void badAndNonPosixExpressionsAreRefused() {
        assertThatThrownBy(() -> SieveCompiler.compile(REQ + "if header :regex \"s\" \"(a\" {}"))
                .hasMessageStartingWith("line 2: bad regular expression \"(a\"");
        assertThatThrownBy(() -> SieveCompiler.compile(REQ + "if header :regex \"s\" \"(a)\\\\1\" {}"))
                .hasMessageContaining("back-references are not POSIX ERE");
        assertThatThrownBy(() -> SieveCompiler.compile(REQ + "if header :regex \"s\" \"(?=a)\" {}"))
                .hasMessageContaining("nothing to repeat before ?");
        assertThatThrownBy(() -> SieveCompiler.compile("if header :regex \"s\" \"a\" {}"))
                .hasMessageContaining(":regex needs require \"regex\"");
    }

    @Test
    void aBadExpressionFromAVariableIsARuntimeError() throws SieveException {
        assertThat(r.describe(REQ + "set \"re\" \"(\";\nif header :regex \"subject\" \"${re}\" { discard; }"))
                .startsWith("error line 3: bad regular expression \"(\"").endsWith("implicit keep");
    }

    @Test
    void catastrophicBacktrackingStopsWithinTheBudget() throws SieveException {
        String msg = "Subject: " + "a".repeat(40) + "!\r\n\r\nx\r\n";
        long t0 = System.nanoTime();
        SieveResult res = r.run(REQ + "if header :regex \"subject\" \"^(.*a){10}$\" { discard; }", msg);
        assertThat(System.nanoTime() - t0).isLessThan(10_000_000_000L);
        assertThat(res.error()).isNotNull();
        assertThat(res.error().getMessage()).isEqualTo("line 2: regular expression ran too long");
        assertThat(res.implicitKeep()).isTrue();
    }
}
