package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** editheader (RFC 5293): addheader, deleteheader, and tests that see the changes. */
class SieveEditheaderTest {

    private final SieveRun r = new SieveRun();
    private static final String REQ = "require [\"editheader\", \"index\"];\n";

    @Test
    void addIsSeenByLaterTests() throws SieveException {
        assertThat(r.describe(REQ + "addheader \"X-Flag\" \"yes\"; if header :is \"x-flag\" \"yes\" { discard; }"))
                .isEqualTo("discard; Add[name=X-Flag, value=yes, last=false]");
        // added at the top unless :last (§4)
        assertThat(r.describe(REQ + "addheader \"X-Priority\" \"1\"; if header :index 1 \"x-priority\" \"1\" { discard; }"))
                .startsWith("discard");
        assertThat(r.describe(REQ + "addheader :last \"X-Priority\" \"1\"; if header :index 1 \"x-priority\" \"1\" { discard; }"))
                .startsWith("Add[");
    }

    @Test
    void deleteByIndexAndValue() throws SieveException {
        assertThat(r.describe(REQ + "deleteheader \"x-priority\"; if not exists \"x-priority\" { discard; }"))
                .isEqualTo("discard; Delete[name=x-priority, occurrence=2]; Delete[name=x-priority, occurrence=1]");
        assertThat(r.describe(REQ + "deleteheader :index 1 :last \"x-priority\"; if header :is \"x-priority\" \"3\" { discard; }"))
                .isEqualTo("discard; Delete[name=x-priority, occurrence=2]");
        assertThat(r.describe(REQ + "deleteheader :is \"x-priority\" \"3\";"))
                .isEqualTo("Delete[name=x-priority, occurrence=1]; implicit keep");
        assertThat(r.describe(REQ + "deleteheader :contains \"subject\" \"café\";"))
                .isEqualTo("Delete[name=subject, occurrence=1]; implicit keep");
    }

    @Test
    void protectedFieldsAreLeftAlone() throws SieveException {
        String msg = "Received: from a\r\nAuto-Submitted: no\r\n\r\nx\r\n";
        assertThat(r.describe(REQ + "deleteheader \"received\"; addheader \"Auto-Submitted\" \"x\";"
                + " if exists \"received\" { discard; }", msg)).isEqualTo("discard");
    }

    @Test
    void valuesWithLineBreaksAreUnfolded() throws SieveException {
        assertThat(r.describe(REQ + "addheader \"X-A\" text:\none\ntwo\n.\n;"))
                .isEqualTo("Add[name=X-A, value=one two , last=false]; implicit keep");
    }
}
