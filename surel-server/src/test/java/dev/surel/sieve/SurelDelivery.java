package dev.surel.sieve;

import dev.surel.delivery.TestSmtpPeer;
import dev.surel.net.Endpoint;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Surel as a black box for {@link DeliveryComparisonTest}: a started server (test kit, ADR 0012)
 * with one user, its script stored and activated over ManageSieve (RFC 5804), messages sent to
 * port 25 from an external sender, the result read over IMAP (every mailbox, FLAGS and Subject),
 * and what Surel sends (vacation replies, redirects, rejection reports) caught by a
 * {@link TestSmtpPeer} that is the relay host of the outbound queue.
 */
final class SurelDelivery implements AutoCloseable {
    static final String PASSWORD = "alice pw";

    private final TestSmtpPeer peer;
    private final TestServer server;
    private final String user;
    private final List<String> notes = new ArrayList<>();

    SurelDelivery(Path dir, String user) throws Exception {
        this(dir, user, s -> s);
    }

    /** With more setup (aliases, keys) for the harness's own test. */
    SurelDelivery(Path dir, String user, UnaryOperator<TestSetup> more) throws Exception {
        this.user = user;
        peer = new TestSmtpPeer("127.0.0.1", 0);
        try {
            server = more.apply(TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP, Endpoint.IMAP, Endpoint.MANAGESIEVE)
                    .user(user, PASSWORD)
                    .toml("queue", "relay_host = \"127.0.0.1:" + peer.port() + "\""))
                    .start(dir);
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    /** Stores {@code source} as script "compare" and makes it active; false (with a note) when Surel refuses it. */
    boolean script(String source) throws IOException {
        try (LineClient c = LineClient.plain(server.address(Endpoint.MANAGESIEVE))) {
            response(c);
            String auth = Base64.getEncoder().encodeToString(("\0" + user + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            expectOk(c, "AUTHENTICATE \"PLAIN\" \"" + auth + "\"");
            byte[] octets = source.getBytes(StandardCharsets.UTF_8);
            String put = last(cmd(c, "PUTSCRIPT \"compare\" {" + octets.length + "+}\r\n" + source));
            if (!put.startsWith("OK")) {
                notes.add("Surel refused the script: " + put);
                return false;
            }
            expectOk(c, "SETACTIVE \"compare\"");
            cmd(c, "LOGOUT");
        }
        return true;
    }

    /**
     * Sends {@code message} to port 25 with this envelope and waits until the queue is empty (the
     * local delivery done, and whatever it queued handed to the peer). A refusal is a note.
     */
    void deliver(byte[] message, String mailFrom, String rcptTo) throws IOException {
        try (LineClient c = LineClient.plain(server.address(Endpoint.SMTP))) {
            c.reply();
            c.smtp("EHLO sender.example.org");
            String reply = c.smtp("MAIL FROM:<" + mailFrom + ">");
            if (reply.startsWith("250")) reply = c.smtp("RCPT TO:<" + rcptTo + ">");
            if (reply.startsWith("250")) reply = c.smtp("DATA");
            if (reply.startsWith("354")) {
                String text = new String(message, StandardCharsets.UTF_8);
                reply = c.smtp(text.replace("\r\n.", "\r\n..") + (text.endsWith("\r\n") ? "" : "\r\n") + ".");
            }
            if (!reply.startsWith("250")) notes.add("Surel's SMTP answered " + reply.replace('\n', ' '));
            c.smtp("QUIT");
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!server.queue().list().isEmpty()) {
            if (System.nanoTime() > deadline) {
                notes.add("the queue still held " + server.queue().list().size() + " message(s) after 20 s");
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** Every mailbox's messages (IMAP LIST, EXAMINE, FETCH FLAGS and Subject) and what reached the peer. */
    DeliveryOutcome outcome() throws IOException {
        List<DeliveryOutcome.Stored> stored = new ArrayList<>();
        try (LineClient c = LineClient.plain(server.address(Endpoint.IMAP))) {
            c.line();
            ok(c.imap("LOGIN \"" + user + "\" \"" + PASSWORD + "\""));
            List<String> list = ok(c.imap("LIST \"\" \"*\""));
            for (String l : list) {
                Matcher m = LIST.matcher(l);
                if (!m.matches()) continue;
                if (m.group(1).toLowerCase(Locale.ROOT).contains("\\noselect")) continue;
                String sep = unquote(m.group(2));
                String name = unquote(m.group(3));
                List<String> ex = ok(c.imap("EXAMINE " + quote(name)));
                if (ex.stream().anyMatch(x -> x.equals("* 0 EXISTS"))) continue;
                String folder = sep.isEmpty() || sep.equals("NIL") ? name : name.replace(sep, "/");
                List<String> fetch = ok(c.imap("FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])"));
                stored.addAll(fetched(folder, fetch));
            }
            c.imap("LOGOUT");
        }
        List<DeliveryOutcome.Sent> sent = new ArrayList<>();
        for (TestSmtpPeer.Received r : peer.received()) {
            for (String to : r.rcptTo()) sent.add(DeliveryOutcome.Sent.of(r.mailFrom(), to, r.data()));
        }
        return new DeliveryOutcome(stored, sent, notes);
    }

    /**
     * The messages of one FETCH response: each {@code * n FETCH (FLAGS (...) BODY[...] {size}}
     * line, the literal's header lines, then {@code )}.
     */
    static List<DeliveryOutcome.Stored> fetched(String folder, List<String> lines) {
        List<DeliveryOutcome.Stored> out = new ArrayList<>();
        List<String> flags = null;
        StringBuilder head = null;
        for (String f : lines) {
            Matcher fm = FETCH.matcher(f);
            boolean next = fm.find() || f.startsWith("* ") || f.matches("t\\d+ .*");
            if (next && flags != null) {
                out.add(new DeliveryOutcome.Stored(folder, flags, head == null ? "" : DeliveryOutcome.field(head.toString(), "Subject")));
                flags = null;
                head = null;
            }
            if (fm.find(0)) {
                flags = fm.group(1).isBlank() ? List.of() : List.of(fm.group(1).strip().split(" "));
                head = f.endsWith("}") ? new StringBuilder() : null;
            } else if (head != null && !f.equals(")")) {
                head.append(f).append("\r\n");
            }
        }
        return out;
    }

    /** Runs IMAP commands as the user (the harness's own test sets flags and copies with them); returns the last reply of each. */
    List<String> imap(String... commands) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineClient c = LineClient.plain(server.address(Endpoint.IMAP))) {
            c.line();
            ok(c.imap("LOGIN \"" + user + "\" \"" + PASSWORD + "\""));
            for (String cmd : commands) out.add(c.imap(cmd).getLast());
            c.imap("LOGOUT");
        }
        return out;
    }

    /** Creates a mailbox over IMAP (a folder the script files into without :create). */
    void folder(String name) throws IOException {
        try (LineClient c = LineClient.plain(server.address(Endpoint.IMAP))) {
            c.line();
            ok(c.imap("LOGIN \"" + user + "\" \"" + PASSWORD + "\""));
            String created = c.imap("CREATE " + quote(name)).getLast();
            if (!created.matches("t\\d+ OK.*") && !created.contains("[ALREADYEXISTS]")) throw new AssertionError("IMAP CREATE: " + created);
            c.imap("LOGOUT");
        }
    }

    /** {@code * LIST (attributes) "separator" name}: the name quoted or an atom. */
    private static final Pattern LIST = Pattern.compile("\\* LIST \\(([^)]*)\\) (\"(?:[^\"\\\\]|\\\\.)*\"|NIL) (.+)");
    private static final Pattern FETCH = Pattern.compile("^\\* \\d+ FETCH \\(.*FLAGS \\(([^)]*)\\)");

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) return s.substring(1, s.length() - 1).replaceAll("\\\\(.)", "$1");
        return s;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<String> ok(List<String> lines) {
        if (!lines.getLast().matches("t\\d+ OK.*")) throw new AssertionError("IMAP: " + lines);
        return lines;
    }

    // ---- ManageSieve (RFC 5804 §1.2: a response ends with OK, NO or BYE, whose text may be a literal)

    private static List<String> cmd(LineClient c, String command) throws IOException {
        c.sendLine(command);
        return response(c);
    }

    private static void expectOk(LineClient c, String command) throws IOException {
        String r = last(cmd(c, command));
        if (!r.startsWith("OK")) throw new AssertionError("ManageSieve " + command.split(" ")[0] + ": " + r);
    }

    private static List<String> response(LineClient c) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = c.line();
            if (l == null) throw new IOException("ManageSieve closed the connection after " + lines);
            Matcher lit = LITERAL.matcher(l);
            if (lit.find()) {
                byte[] text = c.in().readNBytes(Integer.parseInt(lit.group(1)));
                l = l.substring(0, lit.start()) + new String(text, StandardCharsets.UTF_8).strip();
                c.line(); // the CRLF after the literal
            }
            lines.add(l);
            if (l.startsWith("OK") || l.startsWith("NO") || l.startsWith("BYE")) return lines;
        }
    }

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");

    private static String last(List<String> lines) {
        return lines.getLast();
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            peer.close();
        }
    }
}
