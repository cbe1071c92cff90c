package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** imap4flags (RFC 5232): the internal flags variable, :flags, hasflag. */
class SieveFlagsTest {

    private final SieveRun r = new SieveRun();
    private static final String REQ = "require [\"imap4flags\", \"fileinto\", \"variables\"];\n";

    @Test
    void internalVariableGoesWithKeepFileintoAndImplicitKeep() throws SieveException {
        assertThat(r.describe(REQ + "addflag \"\\\\Seen\"; fileinto \"A\"; addflag [\"\\\\Flagged\", \"\\\\seen\"]; fileinto \"B\";"))
                .isEqualTo("fileinto A [\\Seen]; fileinto B [\\Seen, \\Flagged]");
        assertThat(r.describe(REQ + "setflag \"\\\\Seen \\\\Answered\"; removeflag \"\\\\seen\";"))
                .isEqualTo("implicit keep [\\Answered]");
        // §5: :flags replaces the internal variable for that action only
        assertThat(r.describe(REQ + "setflag \"a\"; keep :flags [\"b\", \"c b\"];")).isEqualTo("keep [b, c]");
    }

    @Test
    void namedVariablesAndHasflag() throws SieveException {
        assertThat(r.describe(REQ + "setflag \"v\" \"x y\"; addflag \"v\" \"z\"; if hasflag \"v\" \"z\" { fileinto \"${v}\"; }"))
                .isEqualTo("fileinto x y z");
        assertThat(r.describe(REQ + "addflag \"\\\\Seen\"; if hasflag :contains \"een\" { discard; }"))
                .isEqualTo("discard");
        assertThat(r.describe("require [\"imap4flags\", \"relational\", \"comparator-i;ascii-numeric\"];"
                + "addflag \"a b c\"; if hasflag :count \"eq\" :comparator \"i;ascii-numeric\" \"3\" { discard; }"))
                .isEqualTo("discard");
    }
}
