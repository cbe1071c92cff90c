package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** variables (RFC 5229): set and its modifiers, expansion, match variables, the string test. */
class SieveVariablesTest {

    private final SieveRun r = new SieveRun();
    private static final String REQ = "require [\"variables\", \"fileinto\"];\n";

    @Test
    void setAndExpand() throws SieveException {
        assertThat(r.describe(REQ + "set \"box\" \"Lists\"; set \"sub\" \"${box}/a\"; fileinto \"${BOX}.${sub}\";"))
                .isEqualTo("fileinto Lists.Lists/a");
        // unset variables expand to nothing; what is not a reference stays as written (§3)
        assertThat(r.describe(REQ + "fileinto \"x${unset}y${1a}${}z\";")).isEqualTo("fileinto xy${1a}${}z");
        // without require "variables" nothing is expanded
        assertThat(r.describe("require \"fileinto\"; fileinto \"${a}\";")).isEqualTo("fileinto ${a}");
    }

    @Test
    void modifiers() throws SieveException {
        // RFC 5229 §4.1 examples
        assertThat(r.describe(REQ + "set :upperfirst \"b\" \"juMBlEd lETters\"; fileinto \"${b}\";"))
                .isEqualTo("fileinto JuMBlEd lETters");
        assertThat(r.describe(REQ + "set :length \"b\" \"${unset}abc\"; fileinto \"${b}\";")).isEqualTo("fileinto 3");
        assertThat(r.describe(REQ + "set :lower :upperfirst \"b\" \"juMBlEd lETters\"; fileinto \"${b}\";"))
                .isEqualTo("fileinto Jumbled letters");
        assertThat(r.describe(REQ + "set :quotewildcard \"b\" \"Rock*\"; fileinto \"${b}\";")).isEqualTo("fileinto Rock\\*");
    }

    @Test
    void matchVariables() throws SieveException {
        // RFC 5229 §3.2 example: earlier stars match as little as possible
        String msg = "Subject: [acme-users] [fwd] version 1.0 is out\r\nList-Id: Acme users <acme-users@example.com>\r\n\r\nx\r\n";
        assertThat(r.describe(REQ + "if header :matches \"Subject\" \"[*] *\" { fileinto \"${1}|${2}|${0}\"; }", msg))
                .isEqualTo("fileinto acme-users|[fwd] version 1.0 is out|[acme-users] [fwd] version 1.0 is out");
        assertThat(r.describe(REQ + "if header :matches \"List-ID\" \"*<*@*\" { fileinto \"INBOX.lists.${2}\"; stop; }", msg))
                .isEqualTo("fileinto INBOX.lists.acme-users");
        assertThat(r.describe(REQ + "if header :matches \"Subject\" \"?acme*\" { fileinto \"${1}${2}\"; }", msg))
                .isEqualTo("fileinto [-users] [fwd] version 1.0 is out");
        // a failed match leaves the match variables as they were
        assertThat(r.describe(REQ + "if header :matches \"Subject\" \"[*]*\" {} if header :matches \"Subject\" \"nope*\" {} "
                + "fileinto \"${1}\";", msg)).isEqualTo("fileinto acme-users");
    }

    @Test
    void stringTest() throws SieveException {
        assertThat(r.describe(REQ + "set \"a\" \"hello\"; if string :is \"${a}\" \"hello\" { discard; }")).isEqualTo("discard");
        // RFC 5229 §5: with :count, empty strings are not counted
        assertThat(r.describe("require [\"variables\",\"relational\"]; if string :count \"eq\" [\"a\", \"\", \"b\"] \"2\" { discard; }"))
                .isEqualTo("discard");
    }

    @Test
    void longValuesAreTruncated() throws SieveException {
        r.limits = new SieveLimits(1 << 20, 32, 65_536, 1024, 10_000, 1_000_000, 64, 4, 10, 256, 8, 32);
        assertThat(r.describe(REQ + "set \"a\" \"0123456789abcdef\"; fileinto \"${a}\";")).isEqualTo("fileinto 0123456789");
    }

    @Test
    void tooManyVariables() throws SieveException {
        r.limits = new SieveLimits(1 << 20, 32, 65_536, 1024, 10_000, 1_000_000, 64, 4, 100, 3, 8, 32);
        assertThat(r.describe(REQ + "set \"a\" \"1\"; set \"b\" \"1\"; set \"a\" \"2\"; set \"c\" \"1\";\nset \"d\" \"1\";"))
                .isEqualTo("error line 3: more than 3 variables; implicit keep");
    }
}
