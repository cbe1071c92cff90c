package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same scripts and messages through Surel's interpreter and through Dovecot's Pigeonhole
 * ({@code sieve-test} from Debian's dovecot-sieve) give the same folders, flags, redirects,
 * rejects, discards, vacation parameters and implicit keep, and the same scripts fail to compile
 * (on the same line). The corpus: {@code pigeonhole/scripts} (RFC 5228 and RFC 5230 examples, a
 * script per extension, broken scripts) × {@code pigeonhole/messages}.
 *
 * <p>Included scripts come from {@code pigeonhole/include/personal} and {@code .../global}. Only
 * the scripts meant to fail may fail (so two failures cannot pass for agreement). Not compared:
 * ereject (Pigeonhole 0.5.19 does not have it), header edits (sieve-test does not print them;
 * each edit is followed by a test in the script), :addresses and :mime (not printed), duplicate,
 * spamtest, mailboxexists and currentdate (they depend on Dovecot's stores and clock), set
 * :quoteregex (Pigeonhole does not have it).
 */
class PigeonholeComparisonTest {

    static final String SIEVE_TEST = "/usr/bin/sieve-test";
    static final String ENVELOPE_FROM = "sender@example.net";
    static final String ENVELOPE_TO = "me+work@example.com";

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsSieveTest() throws IOException {
        if (!Files.isExecutable(Path.of(SIEVE_TEST))) {
            throw new AssertionError("sieve-test is not installed: apt-get install -y dovecot-sieve");
        }
        // Dovecot will not run as root: it drops to nobody, who must write the compiled script here.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        Path base = Path.of(PigeonholeComparisonTest.class.getResource("pigeonhole").toURI());
        List<Path> scripts;
        List<Path> messages;
        try (Stream<Path> s = Files.list(base.resolve("scripts")); Stream<Path> m = Files.list(base.resolve("messages"))) {
            scripts = s.sorted().toList();
            messages = m.sorted().toList();
        }
        List<Arguments> out = new ArrayList<>();
        for (Path script : scripts) {
            for (Path message : messages) out.add(Arguments.of(script.getFileName().toString(), script, message));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} × {2}")
    @MethodSource("corpus")
    void sameOutcomeAsPigeonhole(String name, Path script, Path message) throws Exception {
        String source = Files.readString(script);
        byte[] msg = Files.readAllBytes(message);
        Path include = script.getParent().resolveSibling("include");
        List<String> pigeonhole = pigeonhole(name, source, message, include);
        List<String> surel = surel(source, msg, include);
        assertThat(surel).as("Surel vs Pigeonhole for %s × %s", name, message.getFileName()).isEqualTo(pigeonhole);
        boolean failed = surel.contains("runtime error") || surel.getFirst().startsWith("compile error");
        assertThat(failed).as("%s × %s failed: %s", name, message.getFileName(), surel)
                .isEqualTo(MEANT_TO_FAIL.contains(name) && (!name.equals("ext-conflict.sieve") || message.endsWith("list.eml")));
    }

    /** The scripts that do not compile, and the one with a run-time conflict (on the message about cyrus). */
    static final java.util.Set<String> MEANT_TO_FAIL = java.util.Set.of("syntax-error.sieve", "unknown-capability.sieve",
            "missing-require.sieve", "ext-conflict.sieve");

    @org.junit.jupiter.api.Test
    void sieveTestOutputIsRead() throws Exception {
        Path base = Path.of(PigeonholeComparisonTest.class.getResource("pigeonhole").toURI());
        List<String> r = pigeonhole("x", """
                require ["fileinto", "imap4flags", "vacation", "copy"];
                fileinto :flags ["\\\\Seen", "$A"] "F"; redirect :copy "r@example.com";
                vacation :days 2 :subject "S" :from "f@example.com" "line 1
                line 2";
                """, base.resolve("messages/plain.eml"), base.resolve("include"));
        assertThat(r).containsExactly("store F flags=[$a, \\seen]", "redirect r@example.com",
                "vacation seconds=172800 subject=S from=f@example.com handle=line 1\nline 2Sf@example.com<NO-MIME>"
                        + " reason=line 1\nline 2");
    }

    // ---- Surel ----

    static List<String> surel(String source, byte[] message, Path include) {
        SieveScript script;
        try {
            script = SieveCompiler.compile(source);
        } catch (SieveException e) {
            return List.of("compile error line " + e.line());
        }
        SieveEnvironment env = new SieveEnvironment() {
            @Override
            public ZonedDateTime now() {
                return ZonedDateTime.now();
            }

            @Override
            public java.util.Optional<String> script(String name, boolean global) {
                Path p = include.resolve(global ? "global" : "personal").resolve(name + ".sieve");
                try {
                    return Files.exists(p) ? java.util.Optional.of(Files.readString(p)) : java.util.Optional.empty();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        SieveResult r = SieveInterpreter.run(script, MimeSieveMessage.of(message, ENVELOPE_FROM, ENVELOPE_TO), env);
        List<String> out = new ArrayList<>();
        if (r.error() != null) out.add("runtime error");
        for (SieveAction a : r.actions()) {
            switch (a) {
                case SieveAction.Keep k -> out.add(store("INBOX", k.flags(), false));
                case SieveAction.FileInto f -> out.add(store(f.mailbox(), f.flags(), f.create()));
                case SieveAction.Redirect d -> out.add("redirect " + d.address());
                case SieveAction.Reject j -> out.add("reject " + j.reason());
                case SieveAction.Discard d -> out.add("discard");
                case SieveAction.Vacation v -> out.add("vacation seconds=" + v.seconds() + " subject=" + v.subject()
                        + " from=" + v.from() + " handle=" + lf(v.handle()) + " reason=" + lf(v.reason()));
            }
        }
        if (r.implicitKeep()) out.add("implicit " + store("INBOX", r.implicitKeepFlags(), false));
        return out;
    }

    private static String store(String mailbox, List<String> flags, boolean create) {
        List<String> f = new ArrayList<>();
        for (String x : flags) f.add(x.toLowerCase(Locale.ROOT));
        f.sort(null);
        return "store " + mailbox + (create ? " create" : "") + (f.isEmpty() ? "" : " flags=" + f);
    }

    private static String lf(String s) {
        return s.replace("\r", "").strip();
    }

    // ---- Pigeonhole ----

    static List<String> pigeonhole(String name, String source, Path message, Path include) throws Exception {
        Path work = Files.createTempDirectory(dir, "run");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path script = work.resolve("s.sieve");
        Files.writeString(script, source);
        Path msg = work.resolve("m.eml");
        Files.copy(message, msg);
        for (Path p : List.of(script, msg)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
        for (String where : List.of("personal", "global")) {
            Path d = Files.createDirectories(work.resolve(where));
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
            try (Stream<Path> files = Files.list(include.resolve(where))) {
                for (Path f : files.toList()) {
                    Path c = Files.copy(f, d.resolve(f.getFileName()));
                    Files.setPosixFilePermissions(c, PosixFilePermissions.fromString("rw-rw-rw-"));
                }
            }
        }
        List<String> cmd = new ArrayList<>(List.of(SIEVE_TEST));
        if ("root".equals(System.getProperty("user.name"))) cmd.addAll(List.of("-o", "mail_uid=nobody", "-o", "mail_gid=nogroup"));
        cmd.addAll(List.of("-o", "plugin/sieve=file:" + work.resolve("personal"), "-o", "plugin/sieve_global=" + work.resolve("global")));
        cmd.addAll(List.of("-x", "+vacation-seconds +editheader +ereject +imapflags", "-f", ENVELOPE_FROM, "-a", ENVELOPE_TO,
                script.toString(), msg.toString()));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sieve-test did not finish");
        }
        return parse(out, p.exitValue());
    }

    private static final Pattern COMPILE_ERROR = Pattern.compile("(?m)^s: line (\\d+): error:");

    /** sieve-test's printed result, as the same lines {@link #surel} writes. */
    static List<String> parse(String out, int exit) {
        if (out.contains("failed to compile sieve script")) {
            Matcher m = COMPILE_ERROR.matcher(out);
            return List.of(m.find() ? "compile error line " + m.group(1) : "compile error: " + out);
        }
        List<String> result = new ArrayList<>();
        if (out.contains("final result: failed; resolved with successful implicit keep")) {
            result.add("runtime error");
            result.add("implicit store INBOX");
            return result;
        }
        if (exit != 0) throw new AssertionError("sieve-test failed (" + exit + "):\n" + out);
        int performed = out.indexOf("Performed actions:");
        int implicit = out.indexOf("\nImplicit keep:");
        if (performed < 0 || implicit < 0) throw new AssertionError("unexpected sieve-test output:\n" + out);
        actions(out.substring(performed, implicit), result, "");
        actions(out.substring(implicit), result, "implicit ");
        return result;
    }

    private static void actions(String section, List<String> result, String prefix) {
        String[] lines = section.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (!l.startsWith(" * ")) continue;
            String a = l.substring(3);
            // sub-lines: "        + ..." options, "    => key : value" vacation parameters
            List<String> opts = new ArrayList<>();
            int j = i + 1;
            while (j < lines.length && !lines[j].startsWith(" * ") && !lines[j].isEmpty()) opts.add(lines[j++].strip());
            if (a.startsWith("store message in folder: ")) {
                String box = a.substring("store message in folder: ".length());
                List<String> flags = new ArrayList<>();
                boolean create = false;
                for (String o : opts) {
                    if (o.startsWith("+ add IMAP flags: ")) flags.addAll(List.of(o.substring(18).split(" ")));
                    if (o.startsWith("+ create mailbox")) create = true;
                }
                result.add(prefix + store(box, flags, create));
            } else if (a.startsWith("redirect message to: <")) {
                result.add("redirect " + a.substring(22, a.length() - 1));
            } else if (a.startsWith("reject message with reason: ")) {
                result.add("reject " + a.substring(28));
            } else if (a.equals("discard")) {
                result.add("discard");
            } else if (a.equals("send vacation message:")) {
                result.add(vacation(lines, i + 1));
            } else {
                result.add("unknown: " + a);
            }
        }
    }

    /** The "=> key : value" lines (the handle may span lines) and the text between START and END MESSAGE. */
    private static String vacation(String[] lines, int from) {
        String seconds = null;
        String subject = null;
        String sender = null;
        StringBuilder handle = null;
        StringBuilder reason = null;
        for (int i = from; i < lines.length; i++) {
            String l = lines[i];
            if (l.equals("END MESSAGE")) break;
            if (reason != null) {
                reason.append(reason.isEmpty() ? "" : "\n").append(l);
            } else if (l.equals("START MESSAGE")) {
                reason = new StringBuilder();
                if (handle != null) handle = new StringBuilder(handle.toString().strip());
            } else if (l.startsWith("    => seconds : ")) {
                seconds = l.substring(17);
            } else if (l.startsWith("    => subject : ")) {
                subject = l.substring(17);
            } else if (l.startsWith("    => from    : ")) {
                sender = l.substring(17);
            } else if (l.startsWith("    => handle  : ")) {
                handle = new StringBuilder(l.substring(17));
            } else if (handle != null) {
                handle.append("\n").append(l);
            }
        }
        return "vacation seconds=" + seconds + " subject=" + subject + " from=" + sender + " handle="
                + (handle == null ? null : lf(handle.toString())) + " reason=" + (reason == null ? null : lf(reason.toString()));
    }
}
