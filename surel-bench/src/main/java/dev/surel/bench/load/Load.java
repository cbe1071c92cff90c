package dev.surel.bench.load;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Surel's own IMAP and POP3 load generator, run as a separate process by the benchmark kit
 * against Surel and against Dovecot alike (plain sockets, one virtual thread per client):
 *
 * <pre>
 * java -cp surel-bench/target/benchmarks.jar dev.surel.bench.load.Load &lt;workload&gt; [options]
 * </pre>
 *
 * <h2>Common options</h2>
 * {@code --host H} (default 127.0.0.1), {@code --port P} (default 143/993 for IMAP, 110/995 for
 * POP3), {@code --tls} (implicit TLS) or {@code --starttls} (any certificate is trusted),
 * {@code --user U} or {@code --users 'user%d@bench.test' --user-count N} (client i logs in as user
 * (i mod N)+1), {@code --password PW} (required), {@code --sources 127.0.0.2-127.0.0.60} (bind
 * client sockets round-robin over these local addresses, ranges and/or a comma list),
 * {@code --warmup-seconds S} (default 0: untimed work first).
 *
 * <h2>Output and exit code</h2>
 * One line per measure on stdout, nothing else there:
 * {@code RESULT <measure> value=<number> unit=<unit> [p50_ms=..] [p99_ms=..] [ops=..] [errors=..]};
 * free text on stderr ({@code load: ...}). Exit 0 when no error was counted, 1 when any was
 * (protocol error, NO/BAD where OK was needed, wrong message count; every one is counted in
 * {@code errors=} and described on stderr), 2 for a usage problem or when the process cannot hold
 * the connections asked for (open-file limit, ephemeral ports: the message says what to raise).
 * A timed run that failed prints {@code value=-1}.
 *
 * <h2>Workloads</h2>
 * <ul>
 *   <li>{@code imap-fetch-all --mailbox INBOX --expect N --repeat R}: per run one session, LOGIN,
 *       then SELECT + {@code FETCH 1:* (ENVELOPE FLAGS)} timed, LOGOUT.
 *       {@code RESULT imap_fetch_all value=<ms> unit=ms ops=<messages> errors=<n>} per run.
 *       ({@link ImapFetchAll})</li>
 *   <li>{@code imap-mixed --clients 50 --duration 60 [--rounds 5] [--mailbox INBOX]}: each
 *       client loops sessions of LOGIN, SELECT, {@code --rounds} rounds of (FETCH ENVELOPE FLAGS of
 *       the 10 most recent stable messages, FETCH BODY.PEEK[] of one, STORE +FLAGS \Seen on one,
 *       APPEND a 1 KiB message, SEARCH UNSEEN or SUBJECT, UID STORE +FLAGS \Deleted on the message
 *       it appended, UID EXPUNGE of it), LOGOUT. {@code RESULT imap_mixed_ops value=<ops/s>
 *       unit=ops/s p50_ms= p99_ms= ops= errors=} and one {@code RESULT imap_mixed_<cmd>
 *       value=<p50 ms> unit=ms p50_ms= p99_ms= ops= errors=} per command (login, select,
 *       fetch_envelope, fetch_body, store_seen, append, search, store_deleted, expunge, logout).
 *       ({@link ImapMixed})</li>
 *   <li>{@code imap-login-heavy --clients 10 --duration 60 [--mailbox INBOX]}: each client loops
 *       short sessions of LOGIN, SELECT, FETCH 1:20 (FLAGS ENVELOPE BODYSTRUCTURE), FETCH BODY.PEEK[]
 *       of one, STORE +FLAGS \Seen on one, STORE \Deleted on the last + EXPUNGE, APPEND a 20 KB
 *       multipart message, LOGOUT. {@code RESULT imap_login_heavy value=<ops/s> unit=ops/s p50_ms=
 *       p99_ms= ops= errors=} and one {@code RESULT imap_login_heavy_<cmd>} per command (login,
 *       select, fetch_list, fetch_body, store_seen, store_deleted, expunge, append, logout).
 *       ({@link ImapLoginHeavy})</li>
 *   <li>{@code imap-search-text --words FILE [--searches 21] [--expect N]}: one session, SELECT,
 *       one untimed SEARCH TEXT per marker word of FILE, then the timed searches (the words in
 *       turn), each answer's count checked against FILE. {@code RESULT imap_search_text
 *       value=<p50 ms> unit=ms p50_ms= p99_ms= ops= errors=} and {@code RESULT
 *       imap_search_text_<rare|medium|common>}. ({@link ImapSearchText})</li>
 *   <li>{@code imap-idle --connections N --deliver smtp|lmtp --deliver-host H --deliver-port P
 *       --deliveries D [--hold-seconds S] [--ready-file F]}: opens N connections (LOGIN, SELECT,
 *       IDLE), prints {@code RESULT imap_idle_connections value=<idling> unit=connections} (and
 *       {@code RESULT imap_idle_setup}, ms to set them up) and
 *       writes {@code READY} (stderr line, or file F); then delivers D messages one at a time to
 *       random idling users and times the final 250 of each delivery to the {@code * n EXISTS} on
 *       every idle connection of that user: {@code RESULT imap_idle_push value=<p50 ms> unit=ms
 *       p50_ms= p99_ms= ops=<samples> errors=}; then holds S seconds and closes.
 *       ({@link ImapIdle})</li>
 *   <li>{@code pop3-download --expect N --repeat R [--window 100] [--auth-plain]}: per run one
 *       session, CAPA, USER/PASS, then LIST, UIDL, RETR of every message (pipelined when the server
 *       offers PIPELINING), QUIT timed. {@code RESULT pop3_download value=<ms> unit=ms ops=<messages>
 *       errors=<n>}, {@code RESULT pop3_login} and {@code RESULT pop3_list_uidl} (ms) per run.
 *       ({@link Pop3Download})</li>
 * </ul>
 * Setup (not a workload; no server may be running on the data dir): {@code store-append --config
 * surel.toml --dir DIR --users 'user%d@bench.test' --user-count N [--mailbox INBOX]} appends every
 * message file of DIR to each user's mailbox through Surel's store, as {@code surel deliver} does
 * ({@link StoreAppend}; it replaces {@code scripts/Pop3BenchLoad.java}). Users must exist.
 * {@code make-mail --kind multipart|text --count N --dir DIR [--words FILE]} writes the kit's
 * deterministic message files ({@link MakeMail}).
 * Each command's {@code --help} lists its options.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Surel's IMAP/POP3 load generator (RESULT lines on stdout, text on stderr).",
        subcommands = {ImapFetchAll.class, ImapMixed.class, ImapLoginHeavy.class, ImapSearchText.class, ImapIdle.class, Pop3Download.class,
                StoreAppend.class, MakeMail.class})
public final class Load implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a workload: imap-fetch-all, imap-mixed, imap-login-heavy, imap-search-text, imap-idle, pop3-download");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one workload with the given streams; returns the exit code (0, 1 errors, 2 usage/limits). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Report report = new Report(out, err);
        CommandLine cl = new CommandLine(new Load(), new WorkloadFactory(report));
        cl.setOut(new PrintWriter(err, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                err.println("load: " + e.getMessage());
                return 2;
            }
            err.println("load: failed: " + e);
            e.printStackTrace(err);
            return 1;
        });
        return cl.execute(args);
    }

    /** Builds the workload commands with the run's {@link Report}. */
    private record WorkloadFactory(Report report) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Report.class).newInstance(report);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
