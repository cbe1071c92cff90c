package dev.surel.sieve;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script store over a real data directory (SQLite): names, one active script, limits, isolation, user removal. */
class SieveScriptsTest {

    @TempDir Path dir;

    private TestStore open(String sieveToml) {
        return TestServer.setup().toml("sieve", sieveToml).user(ALICE, "pw").user(BOB, "pw").open(dir);
    }

    private static SieveException.Kind kindOf(Runnable op) {
        try {
            op.run();
        } catch (SieveException e) {
            return e.kind();
        }
        throw new AssertionError("no SieveException");
    }

    @Test
    void putGetListReplaceRenameDeleteWithOneActiveScript() {
        try (TestStore t = open("")) {
            SieveScripts s = t.services().sieveScripts();
            long a = t.alice();
            assertThat(s.put(a, "vacation", "keep;\r\n")).isTrue();
            assertThat(s.put(a, "filters", "discard;\r\n")).isTrue();
            assertThat(s.list(a)).extracting(SieveScript::name).containsExactly("filters", "vacation");
            assertThat(s.get(a, "vacation")).isEqualTo("keep;\r\n");
            assertThat(s.active(a)).isEmpty();

            s.setActive(a, "vacation");
            assertThat(s.active(a)).contains(new SieveScripts.Active("vacation", "keep;\r\n"));
            s.setActive(a, "filters");
            assertThat(s.list(a)).extracting(SieveScript::name, SieveScript::active)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("filters", true), org.assertj.core.groups.Tuple.tuple("vacation", false));

            assertThat(s.put(a, "filters", "stop;\r\n")).as("replaced").isFalse();
            assertThat(s.active(a)).contains(new SieveScripts.Active("filters", "stop;\r\n"));
            assertThat(s.list(a).getFirst().size()).isEqualTo(7);

            assertThat(kindOf(() -> s.delete(a, "filters"))).isEqualTo(SieveException.Kind.ACTIVE);
            assertThat(kindOf(() -> s.delete(a, "nope"))).isEqualTo(SieveException.Kind.NONEXISTENT);
            assertThat(kindOf(() -> s.get(a, "Filters"))).as("names are case-sensitive").isEqualTo(SieveException.Kind.NONEXISTENT);
            assertThat(kindOf(() -> s.setActive(a, "nope"))).isEqualTo(SieveException.Kind.NONEXISTENT);
            assertThat(s.active(a)).as("a failed SETACTIVE changes nothing").isPresent();

            assertThat(kindOf(() -> s.rename(a, "filters", "vacation"))).isEqualTo(SieveException.Kind.ALREADY_EXISTS);
            assertThat(kindOf(() -> s.rename(a, "nope", "x"))).isEqualTo(SieveException.Kind.NONEXISTENT);
            s.rename(a, "filters", "Filter régles");
            assertThat(s.active(a)).contains(new SieveScripts.Active("Filter régles", "stop;\r\n"));

            s.setActive(a, "");
            assertThat(s.active(a)).isEmpty();
            s.delete(a, "Filter régles");
            assertThat(s.list(a)).extracting(SieveScript::name).containsExactly("vacation");
        }
    }

    @Test
    void namesFollowRfc5804() {
        try (TestStore t = open("")) {
            SieveScripts s = t.services().sieveScripts();
            assertThat(kindOf(() -> s.put(t.alice(), "", "keep;"))).isEqualTo(SieveException.Kind.INVALID_NAME);
            assertThat(kindOf(() -> s.put(t.alice(), "a\tb", "keep;"))).isEqualTo(SieveException.Kind.INVALID_NAME);
            assertThat(kindOf(() -> s.put(t.alice(), "x".repeat(129), "keep;"))).isEqualTo(SieveException.Kind.INVALID_NAME);
            assertThat(kindOf(() -> s.rename(t.alice(), "x", "a\u2028"))).isEqualTo(SieveException.Kind.INVALID_NAME);
            assertThat(s.list(t.alice())).isEmpty();
        }
    }

    @Test
    void sizeAndCountLimitsFromTheConfiguration() {
        try (TestStore t = open("max_script_size = 10\nmax_scripts = 2")) {
            SieveScripts s = t.services().sieveScripts();
            long a = t.alice();
            s.put(a, "one", "x".repeat(10));
            assertThat(kindOf(() -> s.put(a, "big", "x".repeat(11)))).isEqualTo(SieveException.Kind.TOO_LARGE);
            assertThat(kindOf(() -> s.put(a, "big", "é".repeat(6)))).as("octets, not characters").isEqualTo(SieveException.Kind.TOO_LARGE);
            s.put(a, "two", "keep;");
            assertThat(kindOf(() -> s.put(a, "three", "keep;"))).isEqualTo(SieveException.Kind.TOO_MANY_SCRIPTS);
            assertThat(kindOf(() -> s.checkSpace(a, "three", 1))).isEqualTo(SieveException.Kind.TOO_MANY_SCRIPTS);
            assertThat(kindOf(() -> s.checkSpace(a, "one", 11))).isEqualTo(SieveException.Kind.TOO_LARGE);
            s.checkSpace(a, "one", 10); // replacing needs no new place
            s.put(a, "two", "discard;"); // nor does replacing
            s.put(t.bob(), "three", "keep;"); // the count is per user
            assertThat(s.list(a)).hasSize(2);
        }
    }

    @Test
    void usersAreIsolatedAndRemovingAUserRemovesItsScripts() {
        try (TestStore t = open("")) {
            SieveScripts s = t.services().sieveScripts();
            long a = t.alice();
            long b = t.bob();
            s.put(a, "main", "keep;");
            s.setActive(a, "main");
            s.put(b, "main", "discard;");
            assertThat(s.get(b, "main")).isEqualTo("discard;");
            assertThat(s.active(b)).isEmpty();
            s.setActive(b, "main");
            assertThat(s.active(a)).contains(new SieveScripts.Active("main", "keep;"));

            t.directory().removeUser(ALICE);
            assertThat(s.list(a)).isEmpty();
            assertThat(s.active(a)).isEmpty();
            assertThat(s.list(b)).hasSize(1);
            t.directory().addUser(ALICE, "another pw".toCharArray());
            assertThat(s.list(t.account(ALICE))).as("a new user of the same name starts empty").isEmpty();
        }
    }
}
