package dev.surel.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Setup step {@code make-mail}: writes the benchmark kit's mailbox contents, deterministically
 * (the same files for the same {@code --kind}, {@code --count} and {@code --seed}), one file per
 * message with LF line ends, named as Dovecot names its own Maildir files
 * ({@code <time>.M<n>P1.bench,S=<octets>,W=<octets with CRLF>:2,}, sorted by number), so the kit
 * hard-links them into Dovecot's {@code cur/} and appends the same files to Surel.
 *
 * <ul>
 *   <li>{@code --kind multipart} ({@link MultipartMail}): realistic mail, 2 KB to a few hundred KB:
 *       text/plain + text/html alternatives in quoted-printable with non-ASCII text, attachments
 *       in base64, RFC 2047 encoded names and subjects (the login-heavy workload's mailbox).</li>
 *   <li>{@code --kind text} ({@link SearchTextMail}): plain text mail of 1-3 KB from a vocabulary,
 *       with marker words of known frequency for SEARCH TEXT; {@code --words FILE} receives one
 *       line {@code <label> <word> <messages containing it>} per marker (the search workload's
 *       mailbox).</li>
 * </ul>
 */
@Command(name = "make-mail", mixinStandardHelpOptions = true,
        description = "Writes the kit's deterministic message files (Maildir names with S= and W=).")
final class MakeMail implements Callable<Integer> {

    @Option(names = "--kind", required = true, description = "multipart or text.")
    String kind;

    @Option(names = "--count", required = true, description = "How many messages.")
    int count;

    @Option(names = "--dir", required = true, description = "Directory to write them to (created).")
    Path dir;

    @Option(names = "--words", description = "text: file to write the marker words and their message counts to.")
    Path words;

    @Option(names = "--to", defaultValue = "user@bench.test", description = "To: address (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--seed", defaultValue = "20261207", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    private final Report report;

    MakeMail(Report report) {
        this.report = report;
    }

    @Override
    public Integer call() throws IOException {
        if (count < 1) throw new IllegalArgumentException("--count must be at least 1");
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        long octets = 0;
        switch (kind) {
            case "multipart" -> {
                MultipartMail mail = new MultipartMail(seed, to);
                for (int i = 1; i <= count; i++) octets += write(1765000000L, i, mail.message(i));
            }
            case "text" -> {
                SearchTextMail mail = new SearchTextMail(seed, to, count);
                for (int i = 1; i <= count; i++) octets += write(1765100000L, i, mail.message(i));
                if (words != null) Files.writeString(words, mail.markerCounts());
            }
            default -> throw new IllegalArgumentException("--kind is multipart or text, not " + kind);
        }
        report.info(String.format(Locale.ROOT, "make-mail: %d %s messages, %.1f MB, in %.1f s", count, kind, octets / 1e6,
                (System.nanoTime() - t0) / 1e9));
        return 0;
    }

    /** Writes one message (LF line ends) under its Dovecot name; returns its size. */
    private long write(long time, int n, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        long lines = 0;
        for (byte b : bytes) if (b == '\n') lines++;
        String name = String.format(Locale.ROOT, "%d.M%07dP1.bench,S=%d,W=%d:2,", time, n, bytes.length, bytes.length + lines);
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            out.write(bytes);
        }
        return bytes.length;
    }
}
