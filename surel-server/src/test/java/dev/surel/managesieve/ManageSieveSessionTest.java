package dev.surel.managesieve;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.smtp.ScramClient;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ManageSieve (RFC 5804) transcripts over a real socket against a started server. */
class ManageSieveSessionTest {

    @TempDir Path dir;

    private static TestSetup setup() {
        return TestServer.setup().listen(Endpoint.MANAGESIEVE).user(ALICE, "alice pw").user(BOB, "bob pw");
    }

    /** Lines up to and including the status line (OK, NO or BYE). */
    static List<String> response(LineClient c) throws IOException {
        return c.until(l -> l.startsWith("OK") || l.startsWith("NO") || l.startsWith("BYE"));
    }

    static List<String> cmd(LineClient c, String line) throws IOException {
        c.sendLine(line);
        return response(c);
    }

    static String last(List<String> lines) {
        return lines.getLast();
    }

    static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Connects, reads the greeting, STARTTLS, reads the capabilities again, logs in with PLAIN. */
    static LineClient login(TestServer t, String user, String password) throws IOException {
        LineClient c = t.closeAfter(t.connect(Endpoint.MANAGESIEVE));
        response(c);
        assertThat(last(cmd(c, "STARTTLS"))).startsWith("OK");
        c.startTls();
        response(c);
        assertThat(last(cmd(c, "AUTHENTICATE \"PLAIN\" \"" + plain(user, password) + "\""))).isEqualTo("OK \"Logged in\"");
        return c;
    }

    static String literal(String script) {
        return "{" + script.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + script;
    }

    @Test
    void greetingIsTheCapabilityListAndStartTlsSendsItAgain() throws Exception {
        try (TestServer t = setup().toml("auth", "cleartext_networks = []").start(dir)) {
            LineClient c = t.closeAfter(t.connect(Endpoint.MANAGESIEVE));
            List<String> greeting = response(c);
            assertThat(greeting).containsExactly("\"IMPLEMENTATION\" \"Surel\"", "\"SASL\" \"SCRAM-SHA-256\"",
                    "\"SIEVE\" \"" + dev.surel.protocol.sieve.SieveCompiler.CAPABILITY_STRING + "\"", "\"STARTTLS\"", "\"MAXREDIRECTS\" \"4\"",
                    "\"UNAUTHENTICATE\"", "\"VERSION\" \"1.0\"", "OK \"Surel ManageSieve ready\"");
            assertThat(greeting.get(2)).contains("fileinto").contains("vacation").contains("imap4flags");
            assertThat(last(cmd(c, "AUTHENTICATE \"PLAIN\" \"" + plain(ALICE, "alice pw") + "\"")))
                    .as("clear text outside cleartext_networks").startsWith("NO (ENCRYPT-NEEDED)");
            assertThat(last(cmd(c, "LISTSCRIPTS"))).isEqualTo("NO \"authenticate first\"");

            c.send("STARTTLS\r\nCAPABILITY\r\n"); // CAPABILITY pipelined in clear text: dropped, never executed (RFC 5804 §2.2)
            assertThat(c.line()).isEqualTo("OK \"Begin TLS negotiation now\"");
            c.startTls();
            List<String> again = response(c);
            assertThat(again).contains("\"SASL\" \"SCRAM-SHA-256 PLAIN LOGIN\"").doesNotContain("\"STARTTLS\"")
                    .endsWith("OK \"TLS negotiation successful\"");
            assertThat(last(cmd(c, "STARTTLS"))).isEqualTo("NO \"already using TLS\"");
            assertThat(last(cmd(c, "AUTHENTICATE \"PLAIN\" \"" + plain(ALICE, "alice pw") + "\""))).isEqualTo("OK \"Logged in\"");
            assertThat(cmd(c, "CAPABILITY")).contains("\"OWNER\" \"" + ALICE + "\"");
            assertThat(last(cmd(c, "AUTHENTICATE \"PLAIN\""))).isEqualTo("NO \"not allowed after authentication\"");
            assertThat(last(cmd(c, "NOOP \"tag-1\""))).isEqualTo("OK (TAG \"tag-1\") \"Done\"");
            assertThat(last(cmd(c, "UNAUTHENTICATE"))).isEqualTo("OK \"Unauthenticated\"");
            assertThat(last(cmd(c, "LISTSCRIPTS"))).isEqualTo("NO \"authenticate first\"");
            assertThat(last(cmd(c, "LOGOUT"))).isEqualTo("OK \"Logout completed\"");
            assertThat(c.line()).as("closed after LOGOUT").isNull();
        }
    }

    @Test
    void scramSha256WithChallengesAndTheServerFinalInTheSaslCode() throws Exception {
        try (TestServer t = setup().start(dir)) {
            LineClient c = t.closeAfter(t.connect(Endpoint.MANAGESIEVE));
            response(c);
            ScramClient scram = new ScramClient(ALICE, "alice pw");
            String first = Base64.getEncoder().encodeToString(scram.clientFirst().getBytes(StandardCharsets.UTF_8));
            c.sendLine("AUTHENTICATE \"SCRAM-SHA-256\" \"" + first + "\"");
            String challenge = c.line();
            assertThat(challenge).startsWith("\"").endsWith("\"");
            String serverFirst = new String(Base64.getDecoder().decode(challenge.substring(1, challenge.length() - 1)), StandardCharsets.UTF_8);
            String fin = Base64.getEncoder().encodeToString(scram.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8));
            c.sendLine("{" + fin.length() + "+}"); // a response may be a literal too
            c.sendLine(fin);
            String ok = c.line();
            assertThat(ok).matches("OK \\(SASL \"[A-Za-z0-9+/=]+\"\\) \"Logged in\"");
            String serverFinal = new String(Base64.getDecoder().decode(ok.substring(10, ok.indexOf("\")"))), StandardCharsets.UTF_8);
            assertThat(scram.verifyServerFinal(serverFinal)).isTrue();

            LineClient d = t.closeAfter(t.connect(Endpoint.MANAGESIEVE));
            response(d);
            d.sendLine("AUTHENTICATE \"SCRAM-SHA-256\"");
            assertThat(d.line()).isEqualTo("\"\"");
            assertThat(last(cmd(d, "\"*\""))).isEqualTo("NO \"authentication cancelled\"");
            assertThat(last(cmd(d, "AUTHENTICATE \"PLAIN\" \"" + plain(ALICE, "wrong") + "\""))).isEqualTo("NO \"authentication failed\"");
            assertThat(last(cmd(d, "AUTHENTICATE \"PLAIN\" \"" + plain(ALICE, "wrong") + "\"")))
                    .as("the third failure ends the session").isEqualTo("BYE \"authentication failed: too many failed logins\"");
            assertThat(d.line()).isNull();
        }
    }

    @Test
    void scriptLifecycle() throws Exception {
        try (TestServer t = setup().start(dir)) {
            LineClient c = login(t, ALICE, "alice pw");
            String script = "require \"fileinto\";\r\nif header :contains \"subject\" \"x\" { fileinto \"X\"; }\r\n";
            assertThat(cmd(c, "LISTSCRIPTS")).containsExactly("OK \"Listscripts completed\"");
            assertThat(last(cmd(c, "HAVESPACE \"main\" 1000"))).isEqualTo("OK \"Putscript would succeed\"");
            c.send("PUTSCRIPT \"main\" " + literal(script) + "\r\n");
            assertThat(last(response(c))).isEqualTo("OK \"Script stored\"");
            c.send("PUTSCRIPT {5+}\r\nspare {7+}\r\nkeep;\r\n\r\n");
            assertThat(last(response(c))).isEqualTo("OK \"Script stored\"");
            assertThat(cmd(c, "LISTSCRIPTS")).containsExactly("\"main\"", "\"spare\"", "OK \"Listscripts completed\"");

            assertThat(last(cmd(c, "SETACTIVE \"nope\""))).startsWith("NO (NONEXISTENT)");
            assertThat(last(cmd(c, "SETACTIVE \"main\""))).isEqualTo("OK \"Script activated\"");
            assertThat(cmd(c, "LISTSCRIPTS")).containsExactly("\"main\" ACTIVE", "\"spare\"", "OK \"Listscripts completed\"");
            assertThat(t.services().sieveScripts().active(t.alice())).hasValueSatisfying(a -> assertThat(a.content()).isEqualTo(script));

            c.sendLine("GETSCRIPT \"main\"");
            assertThat(c.line()).isEqualTo("{" + script.length() + "}");
            byte[] got = c.in().readNBytes(script.length());
            assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(script);
            assertThat(c.line()).isEmpty();
            assertThat(c.line()).isEqualTo("OK \"Getscript completed\"");
            assertThat(last(cmd(c, "GETSCRIPT \"Main\""))).startsWith("NO (NONEXISTENT)");

            assertThat(last(cmd(c, "DELETESCRIPT \"main\""))).startsWith("NO (ACTIVE)");
            assertThat(last(cmd(c, "RENAMESCRIPT \"main\" \"spare\""))).startsWith("NO (ALREADYEXISTS)");
            assertThat(last(cmd(c, "RENAMESCRIPT \"nope\" \"x\""))).startsWith("NO (NONEXISTENT)");
            assertThat(last(cmd(c, "RENAMESCRIPT \"main\" \"Hauptfilter für Jörg\""))).isEqualTo("OK \"Script renamed\"");
            assertThat(cmd(c, "LISTSCRIPTS")).containsExactly("\"Hauptfilter für Jörg\" ACTIVE", "\"spare\"", "OK \"Listscripts completed\"");
            assertThat(last(cmd(c, "SETACTIVE \"\""))).isEqualTo("OK \"No script is active\"");
            assertThat(last(cmd(c, "DELETESCRIPT \"Hauptfilter für Jörg\""))).isEqualTo("OK \"Script deleted\"");
            assertThat(last(cmd(c, "DELETESCRIPT \"Hauptfilter für Jörg\""))).startsWith("NO (NONEXISTENT)");
            assertThat(last(cmd(c, "PUTSCRIPT \"a\tb\" \"keep;\""))).startsWith("NO \"a script name must not contain control characters");
            assertThat(last(cmd(c, "FROB"))).isEqualTo("NO \"unknown command\"");
            assertThat(last(cmd(c, "LOGOUT"))).startsWith("OK");
        }
    }

    @Test
    void brokenScriptsAreRefusedWithTheirLineAndNotStored() throws Exception {
        try (TestServer t = setup().start(dir)) {
            LineClient c = login(t, ALICE, "alice pw");
            c.send("CHECKSCRIPT " + literal("keep;\r\n\r\nstop;\0\r\n") + "\r\n");
            assertThat(last(response(c))).isEqualTo("NO \"line 3: NUL character in the script\"");
            c.send("CHECKSCRIPT " + literal("keep;\r\n") + "\r\n");
            assertThat(last(response(c))).isEqualTo("OK \"Script is valid\"");
            // the compiler's errors, with their lines (RFC 5804 §2.6)
            c.send("CHECKSCRIPT " + literal("require \"fileinto\";\r\nif header :contains \"subject\" \"x\" {\r\n  fileinto \"A\"\r\n}\r\n") + "\r\n");
            assertThat(last(response(c))).startsWith("NO \"line 4: ");
            c.send("PUTSCRIPT \"nofileinto\" " + literal("keep;\r\nfileinto \"A\";\r\n") + "\r\n");
            assertThat(last(response(c))).startsWith("NO \"line 2: ").contains("fileinto");
            c.send("CHECKSCRIPT " + literal("require \"enotify\";\r\n") + "\r\n");
            assertThat(last(response(c))).startsWith("NO \"line 1: ").contains("enotify");
            c.send("PUTSCRIPT \"bad\" {9+}\r\n");
            c.send(new byte[] {'k', 'e', 'e', 'p', ';', '\r', '\n', (byte) 0xC3, '('});
            c.send("\r\n");
            assertThat(last(response(c))).isEqualTo("NO \"line 2: the script is not valid UTF-8\"");
            assertThat(cmd(c, "LISTSCRIPTS")).containsExactly("OK \"Listscripts completed\"");
            assertThat(t.services().sieveScripts().list(t.alice())).isEmpty();
        }
    }

    @Test
    void twoUsersAreIsolated() throws Exception {
        try (TestServer t = setup().start(dir)) {
            LineClient a = login(t, ALICE, "alice pw");
            LineClient b = login(t, BOB, "bob pw");
            a.send("PUTSCRIPT \"main\" " + literal("keep;") + "\r\n");
            assertThat(last(response(a))).startsWith("OK");
            assertThat(last(cmd(a, "SETACTIVE \"main\""))).startsWith("OK");
            assertThat(cmd(b, "LISTSCRIPTS")).containsExactly("OK \"Listscripts completed\"");
            assertThat(last(cmd(b, "GETSCRIPT \"main\""))).startsWith("NO (NONEXISTENT)");
            assertThat(last(cmd(b, "DELETESCRIPT \"main\""))).startsWith("NO (NONEXISTENT)");
            b.send("PUTSCRIPT \"main\" " + literal("discard;") + "\r\n");
            assertThat(last(response(b))).startsWith("OK");
            assertThat(cmd(a, "GETSCRIPT \"main\"")).contains("keep;");
            assertThat(cmd(b, "LISTSCRIPTS")).containsExactly("\"main\"", "OK \"Listscripts completed\"");
        }
    }

    @Test
    void limitsOnScriptsLinesLiteralsAndCommandsBeforeLogin() throws Exception {
        try (TestServer t = setup().toml("sieve", "max_script_size = 16\nmax_scripts = 2")
                .toml("managesieve", "max_line_length = 600\nmax_unauthenticated_commands = 5").start(dir)) {
            LineClient c = login(t, ALICE, "alice pw");
            String big = "a\r\nLOGOUT\r\nkeep;\r\n"; // 19 octets; were they read as lines, LOGOUT would end the session
            c.send("PUTSCRIPT \"big\" {19+}\r\n" + big + "\r\n");
            assertThat(last(response(c))).isEqualTo("NO (QUOTA/MAXSIZE) \"a script may have at most 16 octets\"");
            assertThat(last(cmd(c, "NOOP"))).as("the skipped literal was not taken for commands").isEqualTo("OK \"Done\"");
            assertThat(last(cmd(c, "HAVESPACE \"big\" 17"))).startsWith("NO (QUOTA/MAXSIZE)");
            for (String n : List.of("one", "two")) {
                c.send("PUTSCRIPT \"" + n + "\" " + literal("keep;") + "\r\n");
                assertThat(last(response(c))).startsWith("OK");
            }
            c.send("PUTSCRIPT \"three\" " + literal("keep;") + "\r\n");
            assertThat(last(response(c))).startsWith("NO (QUOTA/MAXSCRIPTS)");
            assertThat(last(cmd(c, "HAVESPACE \"three\" 1"))).startsWith("NO (QUOTA/MAXSCRIPTS)");
            c.send("PUTSCRIPT \"huge\" {99999999999+}\r\n");
            assertThat(last(response(c))).as("a literal beyond any limit ends the session").isEqualTo("BYE \"command line too long\"");

            LineClient d = t.closeAfter(t.connect(Endpoint.MANAGESIEVE));
            response(d);
            assertThat(last(cmd(d, "NOOP \"" + "x".repeat(700) + "\""))).isEqualTo("BYE \"command line too long\"");
            assertThat(d.line()).isNull();

            LineClient e = t.closeAfter(t.connect(Endpoint.MANAGESIEVE));
            response(e);
            for (int i = 0; i < 5; i++) assertThat(last(cmd(e, "NOOP"))).isEqualTo("OK \"Done\"");
            assertThat(last(cmd(e, "NOOP"))).isEqualTo("BYE \"too many commands without authentication\"");
        }
    }

    @Test
    void idleConnectionsBeforeLoginGetBye() throws Exception {
        try (TestServer t = setup().toml("managesieve", "login_timeout = \"1s\"").start(dir)) {
            LineClient c = t.closeAfter(t.connect(Endpoint.MANAGESIEVE));
            response(c);
            c.timeout(Duration.ofSeconds(20));
            assertThat(c.line()).isEqualTo("BYE \"idle for too long\"");
            assertThat(c.line()).isNull();
        }
    }
}
