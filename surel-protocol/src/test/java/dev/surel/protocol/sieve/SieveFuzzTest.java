package dev.surel.protocol.sieve;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Fuzz target for the Sieve parser, validation and interpreter (docs/fuzzing.md). Without
 * {@code JAZZER_FUZZ} it replays {@code SieveFuzzTestInputs/compileAndRun}; {@code ./fuzz sieve}
 * fuzzes it.
 *
 * <p>The input is a script (UTF-8). It is compiled with small limits; a script that compiles is
 * run against a fixed message in an environment where every extension answers (mailboxes exist,
 * spam and virus values, duplicate ids, and included scripts: "a" is the input itself, "loop"
 * includes itself).
 *
 * <p>Asserts: compiling throws only {@link SieveException}, whose message is {@code line N: ...}
 * with N within the script and no control characters; running never throws, and a failed run is
 * the fallback (implicit keep, no actions); a run stays within the limits on actions, redirects
 * and header edits.
 */
class SieveFuzzTest {

    static final SieveLimits LIMITS = new SieveLimits(8192, 16, 4096, 64, 512, 20_000, 16, 2, 1024, 32, 3, 6);

    static final byte[] MESSAGE = """
            Date: Mon, 7 Dec 2026 09:00:00 -0500\r
            From: "Sender" <sender@example.com>\r
            To: user+box@example.org, group: a@b.example;\r
            Subject: =?UTF-8?Q?caf=C3=A9?= [list] hello\r
            Message-ID: <id@example.com>\r
            Content-Type: multipart/mixed; boundary=b\r
            \r
            --b\r
            Content-Type: text/html\r
            \r
            <p>body <b>text</b></p>\r
            --b--\r
            """.getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "5s")
    void compileAndRun(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        SieveScript script;
        try {
            script = SieveCompiler.compile(source, LIMITS);
        } catch (SieveException e) {
            long lines = source.chars().filter(c -> c == '\n').count() + 1;
            check(e.line() >= 1 && e.line() <= lines, "line " + e.line() + " of " + lines);
            check(e.getMessage().equals("line " + e.line() + ": " + e.detail()), "message form: " + e.getMessage());
            check(e.getMessage().chars().noneMatch(c -> c < 0x20 || c == 0x7f), "control character in " + e.getMessage());
            return;
        }
        SieveEnvironment env = new SieveEnvironment() {
            @Override
            public ZonedDateTime now() {
                return ZonedDateTime.parse("2026-12-07T10:00:00+01:00");
            }

            @Override
            public boolean mailboxExists(String mailbox) {
                return true;
            }

            @Override
            public int spamTest() {
                return 7;
            }

            @Override
            public int spamTestPercent() {
                return 66;
            }

            @Override
            public int virusTest() {
                return 1;
            }

            @Override
            public boolean duplicateSeen(String handle, String id) {
                return id.hashCode() % 2 == 0;
            }

            @Override
            public Optional<String> script(String name, boolean global) {
                if (name.equals("a")) return Optional.of(source);
                if (name.equals("loop")) return Optional.of("require \"include\"; include \"loop\";");
                return Optional.empty();
            }
        };
        SieveResult r = SieveInterpreter.run(script, MimeSieveMessage.of(MESSAGE, "sender@example.com", "user+box@example.org"),
                env, LIMITS);
        check(r != null, "no result");
        if (r.error() != null) {
            check(r.implicitKeep() && r.actions().isEmpty(), "a failed run is not the fallback");
            check(r.error().getMessage().startsWith("line "), "error without a line: " + r.error().getMessage());
        }
        check(r.actions().size() <= LIMITS.maxActions(), r.actions().size() + " actions");
        check(r.actions().stream().filter(a -> a instanceof SieveAction.Redirect).count() <= LIMITS.maxRedirects(), "redirects");
        check(r.headerEdits().size() <= 4L * LIMITS.maxActions(), r.headerEdits().size() + " header edits");
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
