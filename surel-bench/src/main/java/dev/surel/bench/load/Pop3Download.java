package dev.surel.bench.load;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Workload {@code pop3-download}: what a phone or fetchmail does with a full maildrop. One session
 * per run: CAPA, USER/PASS (or AUTH PLAIN, RFC 5034), then the timed part: LIST, UIDL, RETR of
 * every message and QUIT (RFC 1939), from sending LIST to QUIT's +OK. RETR is pipelined in
 * windows of {@code --window} commands when the server advertises PIPELINING (RFC 2449 §6.6),
 * one at a time otherwise. No DELE: every run sees the same maildrop.
 *
 * <p>Checks: N messages listed, N distinct unique ids, every RETR answered +OK with a body of
 * exactly the octets LIST announced (after removing dot-stuffing), and with {@code --expect N}
 * that N is the count. Prints per run {@code RESULT pop3_download value=<ms> unit=ms ops=<messages>
 * errors=<n>} ({@code value=-1} for a failed run), and the parts {@code RESULT pop3_login} (PASS or
 * AUTH, ms) and {@code RESULT pop3_list_uidl} (LIST + UIDL, ms).
 */
@Command(name = "pop3-download", mixinStandardHelpOptions = true,
        description = "LIST, UIDL, RETR of every message, QUIT; RESULT pop3_download in ms per run.")
final class Pop3Download implements Callable<Integer> {
    @Mixin
    LoadOptions options;

    @Option(names = "--expect", defaultValue = "-1", description = "Messages the maildrop must hold (default: not checked).")
    int expect;

    @Option(names = "--repeat", defaultValue = "1", description = "Timed runs, one RESULT each (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--window", defaultValue = "100", description = "RETR commands per pipelined write (default: ${DEFAULT-VALUE}; 1 = no pipelining).")
    int window;

    @Option(names = "--auth-plain", description = "Log in with AUTH PLAIN instead of USER/PASS.")
    boolean authPlain;

    private final Report report;

    Pop3Download(Report report) {
        this.report = report;
    }

    @Override
    public Integer call() {
        Connector connector = options.connector(110, 995);
        long warmEnd = System.nanoTime() + options.warmupSeconds * 1_000_000_000L;
        int warm = 0;
        while (options.warmupSeconds > 0 && (warm == 0 || System.nanoTime() < warmEnd)) {
            Run r = run(connector);
            if (r.errors > 0) return report.exitCode();
            warm++;
        }
        if (warm > 0) report.info("pop3-download: " + warm + " untimed warm-up run(s)");
        for (int i = 0; i < repeat; i++) {
            Run r = run(connector);
            report.result("pop3_download", r.millis, "ms", "ops", r.messages, "errors", r.errors);
            report.result("pop3_login", r.loginMillis, "ms");
            report.result("pop3_list_uidl", r.listMillis, "ms");
        }
        return report.exitCode();
    }

    private record Run(double millis, double loginMillis, double listMillis, long messages, int errors) {
    }

    private Run run(Connector connector) {
        int before = report.errors();
        try (Session s = new Session(connector.open())) {
            s.ok("greeting");
            if (options.starttls) {
                s.send("STLS\r\n");
                s.ok("STLS");
                s.attach(connector.startTls(s.socket));
            }
            s.send("CAPA\r\n");
            boolean pipelining = false;
            if (s.status()) {
                while (s.in.readLine() != 1 || s.in.line()[0] != '.') {
                    if (s.in.lineString().equalsIgnoreCase("PIPELINING")) pipelining = true;
                }
            }
            int w = pipelining ? Math.max(1, window) : 1;
            long tl = System.nanoTime();
            String user = options.user(0);
            if (authPlain) {
                String ir = Base64.getEncoder().encodeToString(("\0" + user + "\0" + options.password).getBytes(StandardCharsets.UTF_8));
                s.send("AUTH PLAIN " + ir + "\r\n");
                s.ok("AUTH PLAIN");
            } else {
                s.send("USER " + user + "\r\n");
                s.ok("USER");
                s.send("PASS " + options.password + "\r\n");
                s.ok("PASS");
            }
            long t0 = System.nanoTime();
            s.send("LIST\r\n");
            s.ok("LIST");
            List<Long> sizes = new ArrayList<>();
            for (String l : s.multiline()) sizes.add(Long.parseLong(l.split(" ")[1]));
            s.send("UIDL\r\n");
            s.ok("UIDL");
            HashSet<String> uids = new HashSet<>();
            int uidLines = 0;
            for (String l : s.multiline()) {
                uids.add(l.split(" ")[1]);
                uidLines++;
            }
            long tu = System.nanoTime();
            int n = sizes.size();
            long got = 0;
            StringBuilder batch = new StringBuilder();
            for (int first = 1; first <= n; first += w) {
                int last = Math.min(n, first + w - 1);
                batch.setLength(0);
                for (int i = first; i <= last; i++) batch.append("RETR ").append(i).append("\r\n");
                s.send(batch.toString());
                for (int i = first; i <= last; i++) {
                    s.ok("RETR " + i);
                    long octets = s.bodyOctets();
                    if (octets != sizes.get(i - 1)) report.error("RETR " + i + ": " + octets + " octets, LIST said " + sizes.get(i - 1));
                    got++;
                }
            }
            s.send("QUIT\r\n");
            s.ok("QUIT");
            long t1 = System.nanoTime();
            if (got != n || uidLines != n || uids.size() != n) {
                report.error(n + " listed, " + uidLines + " UIDL lines, " + uids.size() + " distinct ids, " + got + " retrieved");
            }
            if (expect >= 0 && n != expect) report.error("expected " + expect + " messages, LIST gave " + n);
            return new Run((t1 - t0) / 1e6, (t0 - tl) / 1e6, (tu - t0) / 1e6, got, report.errors() - before);
        } catch (IOException | RuntimeException e) {
            report.error("pop3-download: " + e);
            return new Run(-1, -1, -1, 0, report.errors() - before);
        }
    }

    /** One POP3 connection: status lines, multi-line replies (RFC 1939 §3), counted bodies. */
    private static final class Session implements AutoCloseable {
        Socket socket;
        LineReader in;
        OutputStream out;

        Session(Socket socket) throws IOException {
            attach(socket);
        }

        void attach(Socket s) throws IOException {
            socket = s;
            in = new LineReader(s.getInputStream(), 64 * 1024);
            out = new BufferedOutputStream(s.getOutputStream(), 8192);
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Reads a status line: true for +OK, false for -ERR. */
        boolean status() throws IOException {
            int n = in.readLine();
            byte[] l = in.line();
            if (n >= 3 && l[0] == '+' && l[1] == 'O' && l[2] == 'K') return true;
            if (n >= 4 && l[0] == '-' && l[1] == 'E' && l[2] == 'R' && l[3] == 'R') return false;
            throw new IOException("not a POP3 status line: " + ImapClient.clip(in.lineString()));
        }

        void ok(String what) throws IOException {
            if (!status()) throw new IOException(what + ": " + ImapClient.clip(in.lineString()));
        }

        /** The lines of a multi-line reply, dot-stuffing removed, terminator consumed. */
        List<String> multiline() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                int n = in.readLine();
                String l = in.lineString();
                if (n == 1 && l.equals(".")) return lines;
                lines.add(l.startsWith(".") ? l.substring(1) : l);
            }
        }

        /** Reads a multi-line body and returns its octets as stored: CRLF per line, dot-stuffing removed. */
        long bodyOctets() throws IOException {
            long octets = 0;
            while (true) {
                int n = in.readLine();
                boolean dot = n > 0 && in.line()[0] == '.';
                if (n == 1 && dot) return octets;
                octets += n + 2 - (dot ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
