package dev.surel.sieve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Dovecot's local delivery agent with Pigeonhole Sieve, from Debian (dovecot-core's
 * {@code dovecot-lda}, dovecot-sieve's plugin), run on a configuration of its own in a directory:
 * one user, a Maildir, the user's active script, and a {@code sendmail} that writes each message
 * Dovecot sends (vacation replies, redirects, rejection MDNs) with its argv to {@code outbox/}.
 *
 * <p>dovecot-lda runs without {@code -d} (that would need Dovecot's auth service): the user is
 * {@code USER}, the home {@code HOME}. Dovecot will not deliver as root, so under root it runs as
 * nobody through {@code setpriv}, and the directory is made writable for nobody.
 */
final class DovecotLda {
    static final Path LDA = Path.of("/usr/lib/dovecot/dovecot-lda");
    static final Path SIEVE_PLUGIN = Path.of("/usr/lib/dovecot/modules/lib90_sieve_plugin.so");
    static final String APT = "apt-get install -y dovecot-core dovecot-sieve";

    /** The exit code of a delivery: 0 delivered, EX_TEMPFAIL (75) and others are failures. */
    record Delivery(int exitCode, String log) { }

    private final Path dir;
    private final String user;
    private final boolean root;

    /** Writes the configuration for {@code user} into {@code dir}; fails naming the package when Dovecot is missing. */
    DovecotLda(Path dir, String user) throws IOException {
        requireInstalled();
        this.dir = dir;
        this.user = user;
        this.root = "root".equals(System.getProperty("user.name"));
        for (String d : List.of("home", "mail", "sieve", "outbox", "run", "state")) Files.createDirectories(dir.resolve(d));
        Path sendmail = dir.resolve("sendmail");
        Files.writeString(sendmail, """
                #!/bin/sh
                # Dovecot's sendmail_path: argv on the first line, then the message, one file per message.
                f="%s/$(date +%%s%%N).$$"
                { printf 'ARGV'; for a in "$@"; do printf ' %%s' "$a"; done; printf '\\n'; cat; } > "$f.tmp" && mv "$f.tmp" "$f.eml"
                """.formatted(dir.resolve("outbox")));
        Files.writeString(dir.resolve("dovecot.conf"), """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                info_log_path = %1$s/dovecot.log
                ssl = no
                first_valid_uid = 1
                hostname = dovecot.example.test
                postmaster_address = postmaster@example.test
                mail_location = maildir:%1$s/mail
                recipient_delimiter = +
                sendmail_path = %1$s/sendmail
                protocol lda {
                  mail_plugins = sieve
                }
                plugin {
                  sieve = file:%1$s/sieve;active=%1$s/sieve/active.sieve
                  sieve_extensions = +editheader
                }
                """.formatted(dir));
        Files.setPosixFilePermissions(sendmail, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (root) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.toList()) {
                    if (Files.isDirectory(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
                }
            }
            // nobody must reach the directory: the test's temporary directories above it get o+x
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            for (Path p = dir.toAbsolutePath().getParent(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
                var perms = Files.getPosixFilePermissions(p);
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    /** Fails (never skips) when Dovecot's LDA or the Sieve plugin is missing, with the line that installs them. */
    static void requireInstalled() {
        if (!Files.isExecutable(LDA) || !Files.exists(SIEVE_PLUGIN)) {
            throw new AssertionError("Dovecot's LDA with Pigeonhole Sieve is not installed: " + APT);
        }
    }

    /** Creates a Maildir++ folder (one the script files into without :create). */
    void folder(String name) throws IOException {
        Path f = dir.resolve("mail").resolve("." + name.replace('/', '.'));
        for (String d : List.of("new", "cur", "tmp")) Files.createDirectories(f.resolve(d));
        Files.createFile(f.resolve("maildirfolder"));
        if (root) {
            try (Stream<Path> all = Files.walk(f)) {
                for (Path p : all.toList()) {
                    if (Files.isDirectory(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
                }
            }
        }
    }

    /** Makes {@code source} the user's active script (compiled by Dovecot at the first delivery). */
    void script(String source) throws IOException {
        Path s = dir.resolve("sieve/active.sieve");
        Files.writeString(s, source);
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Delivers one message as an MTA would: envelope sender and recipient (with its +detail). */
    Delivery deliver(byte[] message, String mailFrom, String rcptTo) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (root) cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        cmd.addAll(List.of(LDA.toString(), "-c", dir.resolve("dovecot.conf").toString(), "-f", mailFrom.isEmpty() ? "<>" : mailFrom, "-a", rcptTo));
        Path output = dir.resolve("lda.out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("USER", user);
        env.put("HOME", dir.resolve("home").toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(message);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dovecot-lda did not finish in 60 s");
        }
        return new Delivery(p.exitValue(), Files.readString(output, StandardCharsets.ISO_8859_1));
    }

    /** The error lines of Dovecot's log and of the script's log (compile and run-time errors), so a broken script cannot pass for agreement. */
    List<String> errors() throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : log().split("\n")) {
            if (l.contains(": Error:") || l.contains(": Fatal:") || l.startsWith("error:")) out.add(l.strip());
        }
        return out;
    }

    /** Dovecot's own log and the script's log (compile and run-time errors). */
    String log() throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path p : List.of(dir.resolve("dovecot.log"), dir.resolve("sieve/active.sieve.log"))) {
            if (Files.exists(p)) b.append(Files.readString(p, StandardCharsets.ISO_8859_1));
        }
        return b.toString();
    }

    /** The stored messages (every Maildir++ folder) and the messages sent through sendmail. */
    DeliveryOutcome outcome(List<String> notes) throws IOException {
        List<DeliveryOutcome.Stored> stored = new ArrayList<>();
        Path mail = dir.resolve("mail");
        readFolder(mail, "INBOX", stored);
        try (Stream<Path> dirs = Files.list(mail)) {
            for (Path d : dirs.sorted().toList()) {
                String n = d.getFileName().toString();
                // Maildir++: a folder is a directory ".name", its hierarchy separator "."
                if (n.startsWith(".") && Files.isDirectory(d) && !n.equals(".") && !n.equals("..")) {
                    readFolder(d, n.substring(1).replace('.', '/'), stored);
                }
            }
        }
        List<DeliveryOutcome.Sent> sent = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".eml")).sorted().toList()) sent.addAll(sent(Files.readAllBytes(f)));
        }
        return new DeliveryOutcome(stored, sent, notes);
    }

    /** One message Dovecot gave to sendmail: {@code ARGV [-i] -f sender [--] rcpt...} then the message. */
    static List<DeliveryOutcome.Sent> sent(byte[] file) {
        String all = new String(file, StandardCharsets.ISO_8859_1);
        int nl = all.indexOf('\n');
        List<String> argv = List.of(all.substring(0, nl).split(" "));
        byte[] message = all.substring(nl + 1).getBytes(StandardCharsets.ISO_8859_1);
        String from = "";
        List<String> rcpts = new ArrayList<>();
        boolean options = true;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (options && a.equals("-f") && i + 1 < argv.size()) {
                from = argv.get(++i);
            } else if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("-")) {
                // -i, -oi: not an address
            } else {
                rcpts.add(a);
            }
        }
        String mailFrom = from.equals("<>") ? "" : from.replaceAll("^<|>$", "");
        List<DeliveryOutcome.Sent> out = new ArrayList<>();
        for (String r : rcpts) out.add(DeliveryOutcome.Sent.of(mailFrom, r.replaceAll("^<|>$", ""), message));
        return out;
    }

    private void readFolder(Path folder, String name, List<DeliveryOutcome.Stored> stored) throws IOException {
        Map<Character, String> keywords = keywords(folder.resolve("dovecot-keywords"));
        for (String sub : List.of("new", "cur")) {
            Path d = folder.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    List<String> flags = new ArrayList<>();
                    int info = file.indexOf(":2,");
                    if (info >= 0) {
                        for (char c : file.substring(info + 3).toCharArray()) {
                            switch (c) {
                                case 'S' -> flags.add("\\Seen");
                                case 'R' -> flags.add("\\Answered");
                                case 'F' -> flags.add("\\Flagged");
                                case 'T' -> flags.add("\\Deleted");
                                case 'D' -> flags.add("\\Draft");
                                default -> {
                                    if (keywords.containsKey(c)) flags.add(keywords.get(c));
                                }
                            }
                        }
                    }
                    byte[] head = readHead(f);
                    stored.add(new DeliveryOutcome.Stored(name, flags, DeliveryOutcome.field(DeliveryOutcome.header(head), "Subject")));
                }
            }
        }
    }

    /** {@code dovecot-keywords}: "index keyword" lines; the Maildir info letter is 'a' + index. */
    private static Map<Character, String> keywords(Path file) throws IOException {
        Map<Character, String> k = new HashMap<>();
        if (!Files.exists(file)) return k;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] p = line.split(" ", 2);
            if (p.length == 2 && p[0].matches("\\d+")) k.put((char) ('a' + Integer.parseInt(p[0])), p[1]);
        }
        return k;
    }

    /** The first 64 KiB of a stored message: enough for its header in this corpus, never the whole of a large message. */
    private static byte[] readHead(Path f) throws IOException {
        try (var in = Files.newInputStream(f)) {
            return in.readNBytes(64 * 1024);
        }
    }
}
