package dev.surel.cli;

import dev.surel.admin.AdminException;
import dev.surel.config.SurelConfig;
import dev.surel.server.Services;
import dev.surel.transfer.ImapTrust;
import dev.surel.transfer.ImapUrl;
import dev.surel.transfer.Importer;
import dev.surel.transfer.MailAccess;
import dev.surel.transfer.Progress;
import dev.surel.transfer.Source;
import dev.surel.transfer.Sources;
import dev.surel.transfer.Staging;
import dev.surel.transfer.TransferException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel import ADDRESS --maildir DIR | --mbox FILE [--folder NAME] | --imap URL
 * --password-file FILE}: moves a user's mail into Surel with flags and internal dates. The CLI
 * reads the source itself; the messages go into the store directly when no server runs, or in
 * batches over a running server's admin channel ({@link ChannelMailAccess}). Running it again
 * copies only what is missing. Exit codes (sysexits(3)): 0 when everything is in; 65 when some
 * messages were refused (named on standard error) or the source is not a Maildir / an mbox file;
 * 64 a bad command line or URL; 66 a source or password file that is not there or cannot be read;
 * 67 an unknown user; 68 an unknown host; 69 a server that cannot be reached; 77 a refused login;
 * 75 when it stopped (over quota, disk full: run it again once there is room); 74 any other
 * failure to read the source (connection lost: run it again).
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a user's mail from a Maildir, an mbox file or another IMAP server, with flags and dates.",
                "Running it again copies only what is missing (messages are matched by internal date, size and Message-ID)."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Parameters(paramLabel = "ADDRESS", description = "the Surel user whose mail this is (created beforehand with user add)")
    String address;

    /** Exactly one source. */
    static final class From {
        @Option(names = "--maildir", paramLabel = "DIR", required = true,
                description = "a Maildir (Dovecot/Courier: cur/ new/ tmp/, Maildir++ .Folder.Sub directories)")
        Path maildir;
        @Option(names = "--mbox", paramLabel = "FILE", required = true,
                description = "an mbox file (mboxrd/mboxo), or a directory of *.mbox files as surel export --mbox writes")
        Path mbox;
        @Option(names = "--imap", paramLabel = "URL", required = true,
                description = "imaps://LOGIN@HOST[:PORT] (TLS) or imap://LOGIN@HOST[:PORT] (STARTTLS): every folder of that account")
        String imap;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    From from;

    @Option(names = "--folder", paramLabel = "NAME", description = "with --mbox: the folder to import into (default INBOX; for a directory: the parent folder)")
    String folder;

    @Option(names = "--password-file", paramLabel = "FILE", description = "with --imap: a file whose first line is the password")
    Path passwordFile;

    @Option(names = "--ca", paramLabel = "FILE", description = "with --imap: trust the CA certificate(s) in this PEM file (else the JDK's CAs)")
    Path caFile;

    @Option(names = "--insecure", description = "with --imap: accept any certificate (a self-signed test server); still encrypted, not authenticated")
    boolean insecure;

    @Option(names = "--date-from-name", description = "with --maildir: the internal date from the file name's timestamp, not the file's time")
    boolean dateFromName;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "200", description = "messages per transaction (default ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() {
        PrintStream err = root.ctx.err();
        String usage = usageProblem();
        if (usage != null) {
            err.println("surel import: " + usage);
            return AdminException.USAGE;
        }
        SurelConfig config = Main.loadConfig(root, err);
        if (config == null) return Main.EX_CONFIG;
        long maxSize = config.store().maxMessageSize();
        try (Staging staging = Staging.create(maxSize); Source source = source(staging, maxSize)) {
            return Main.withDataDir(config, root, err, new Main.DataDirUser() {
                @Override
                public int viaServer(SocketChannel ch) throws IOException {
                    ch.close(); // each batch is a request of its own
                    return importInto(new ChannelMailAccess(config.dataDir(), address, staging), source);
                }

                @Override
                public int local(Services services) {
                    return importInto(services.admin().mailAccess(address), source);
                }
            });
        } catch (TransferException | NoSuchFileException | AccessDeniedException e) {
            err.println("surel import: " + explain(e, null));
            return exitCode(e);
        } catch (IOException e) {
            err.println("surel import: " + e.getMessage());
            return 74; // EX_IOERR
        } catch (IllegalArgumentException e) {
            err.println("surel import: " + e.getMessage());
            return AdminException.USAGE;
        }
    }

    private String usageProblem() {
        if (from.imap == null && (passwordFile != null || caFile != null || insecure)) {
            return "--password-file, --ca and --insecure go with --imap";
        }
        if (from.imap != null && passwordFile == null) return "--imap needs --password-file FILE (its first line is the password)";
        if (insecure && caFile != null) return "give --ca or --insecure, not both";
        if (folder != null && from.mbox == null) return "--folder goes with --mbox";
        if (dateFromName && from.maildir == null) return "--date-from-name goes with --maildir";
        if (batch < 1 || batch > 10_000) return "--batch must be 1..10000";
        return null;
    }

    private Source source(Staging staging, long maxSize) throws IOException {
        if (from.maildir != null) return Sources.maildir(from.maildir, staging, dateFromName);
        if (from.mbox != null) return Sources.mbox(from.mbox, folder, staging);
        ImapUrl url = ImapUrl.parse(from.imap);
        List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.getFirst().isEmpty()) throw new IOException(passwordFile + " is empty: its first line must be the password");
        return Sources.imap(url, lines.getFirst().toCharArray(), ImapTrust.context(caFile, insecure), !insecure, staging, maxSize);
    }

    /** A source's failure in words: what cannot be read and why, or what went wrong where. */
    private static String explain(IOException e, Source source) {
        return switch (e) {
            case TransferException t -> t.getMessage();
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case AccessDeniedException a -> "cannot read " + a.getFile() + ": permission denied";
            default -> (source == null ? "" : source.describe() + ": ") + e.getMessage();
        };
    }

    /** sysexits(3): 66 for what is not there or cannot be read, the source's own code, else 74 (EX_IOERR). */
    private static int exitCode(IOException e) {
        return switch (e) {
            case TransferException t -> t.exitCode();
            case NoSuchFileException n -> AdminException.NOINPUT;
            case AccessDeniedException a -> AdminException.NOINPUT;
            default -> AdminException.IOERR;
        };
    }

    private int importInto(MailAccess target, Source source) {
        PrintStream err = root.ctx.err();
        java.io.Console console = root.ctx.console();
        Progress progress = new Progress(err, console != null && console.isTerminal(), "importing");
        Importer importer = new Importer(target, source, progress, err, batch, 32L << 20);
        Importer.Summary s;
        try {
            s = importer.run();
        } catch (IOException | java.io.UncheckedIOException e) {
            progress.finish();
            IOException io = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
            Importer.Summary sofar = importer.summary();
            if (sofar.folders() == 0) { // nothing read yet: the source cannot be opened
                err.println("surel import: " + explain(io, source));
                return exitCode(io);
            }
            root.ctx.out().println(sofar.line(address));
            err.println("surel import: stopped: " + explain(io, source));
            err.println("surel import: run the same command again to go on: messages already imported are skipped");
            return exitCode(io);
        } catch (AdminException e) {
            progress.finish();
            if (e.exitCode() == AdminException.TEMPFAIL) root.ctx.out().println(importer.summary().line(address));
            throw e;
        }
        root.ctx.out().println(s.line(address));
        if (s.stopped() != null) {
            err.println("surel import: stopped: " + s.stopped());
            err.println("surel import: once there is room (surel user quota " + address + " ...), run the same command again: "
                    + "messages already imported are skipped");
            return AdminException.TEMPFAIL;
        }
        return s.refused() > 0 ? AdminException.DATAERR : 0;
    }
}
