package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** include (RFC 6609): personal and global scripts, :once, :optional, return, global variables, recursion. */
class SieveIncludeTest {

    private final SieveRun r = new SieveRun();

    @Test
    void includedActionsAndReturn() throws SieveException {
        r.scripts.put("lists", "require [\"fileinto\", \"include\"]; fileinto \"Lists\"; return; fileinto \"Never\";");
        r.scripts.put("global:spam", "require \"fileinto\"; fileinto \"Junk\";");
        assertThat(r.describe("require [\"include\", \"fileinto\"]; include \"lists\"; include :global \"spam\"; fileinto \"After\";"))
                .isEqualTo("fileinto Lists; fileinto Junk; fileinto After");
    }

    @Test
    void globalVariablesAreShared() throws SieveException {
        r.scripts.put("set", "require [\"include\", \"variables\"]; global \"box\"; set \"box\" \"Shared\"; set \"local\" \"x\";");
        assertThat(r.describe("require [\"include\", \"variables\", \"fileinto\"]; global \"box\"; include \"set\";"
                + " fileinto \"${box}${local}\";")).isEqualTo("fileinto Shared");
    }

    @Test
    void onceOptionalMissingAndRecursive() throws SieveException {
        r.scripts.put("a", "require [\"fileinto\"]; fileinto \"A\";");
        r.scripts.put("loop", "require [\"include\"];\ninclude \"loop\";");
        assertThat(r.describe("require \"include\"; include :once \"a\"; include :once \"a\"; include :optional \"nope\";"))
                .isEqualTo("fileinto A");
        assertThat(r.describe("require \"include\";\ninclude \"nope\";"))
                .isEqualTo("error line 2: included script nope does not exist; implicit keep");
        assertThat(r.describe("require \"include\";\ninclude \"loop\";"))
                .startsWith("error line 2: in included script loop: line 2: include of loop is recursive");
        r.scripts.put("broken", "require \"include\";\n\nfrob;");
        assertThat(r.describe("require \"include\";\ninclude \"broken\";"))
                .isEqualTo("error line 2: included script broken: line 3: unknown command frob; implicit keep");
    }

    @Test
    void onceIncludesOnce() throws SieveException {
        r.scripts.put("count", "require [\"include\", \"variables\"]; global \"n\"; set \"n\" \"${n}x\";");
        String twice = "require [\"include\", \"variables\", \"fileinto\"]; global \"n\";"
                + " include %s \"count\"; include %s \"count\"; fileinto \"n=${n}\";";
        assertThat(r.describe(twice.formatted(":once", ":once"))).isEqualTo("fileinto n=x");
        assertThat(r.describe(twice.formatted("", ""))).isEqualTo("fileinto n=xx");
    }

    @Test
    void stopInAnIncludedScriptEndsEverything() throws SieveException {
        r.scripts.put("s", "discard; stop;");
        assertThat(r.describe("require [\"include\", \"fileinto\"]; include \"s\"; fileinto \"X\";")).isEqualTo("discard");
    }
}
