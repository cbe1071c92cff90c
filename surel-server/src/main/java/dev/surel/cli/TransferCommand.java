package dev.surel.cli;

import dev.surel.admin.AdminException;
import dev.surel.store.SpecialUse;
import dev.surel.store.StoreException;
import dev.surel.transfer.BatchFormat;
import dev.surel.transfer.FolderInfo;
import dev.surel.transfer.MailAccess.AppendResult;
import dev.surel.transfer.MessageKey;
import dev.surel.transfer.StoreMailAccess;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel transfer ...}: the admin channel's side of {@code surel import} and
 * {@code surel export} while a server runs (hidden: a wire protocol between the CLI and the
 * server, not for people). Each subcommand is one bounded request on one account's mail; the CLI
 * sends one per batch ({@link ChannelMailAccess}). Errors exit as sysexits:
 * unknown user 67, no such folder 66, a bad name 65, over quota or a full disk 75 (with a
 * {@code stopped} line: the batch's first messages may be in).
 */
@Command(name = "transfer", hidden = true, description = "Internal: batches of surel import/export over the admin channel.",
        mixinStandardHelpOptions = true)
final class TransferCommand {

    @ParentCommand SurelCommand root;

    private StoreMailAccess mail(String address) {
        return root.ctx.ops().mailAccess(address);
    }

    @Command(name = "folders", description = "The account's folders: special use, messages, name.")
    int folders(@Parameters(paramLabel = "ADDRESS") String address) {
        return guarded(() -> {
            for (FolderInfo f : mail(address).folders()) root.ctx.out().println(f.line());
            return 0;
        });
    }

    @Command(name = "keys", description = "Internal date, size and Message-ID digest of each message of a folder.")
    int keys(@Parameters(paramLabel = "ADDRESS") String address, @Parameters(paramLabel = "FOLDER") String folder) {
        return guarded(() -> {
            StringBuilder b = new StringBuilder();
            for (MessageKey k : mail(address).keys(folder)) b.append(k.line()).append('\n');
            root.ctx.out().print(b);
            return 0;
        });
    }

    @Command(name = "mkdir", description = "Create a folder if missing (subscribed).")
    int mkdir(@Parameters(paramLabel = "ADDRESS") String address, @Parameters(paramLabel = "FOLDER") String folder,
              @Option(names = "--special-use", paramLabel = "USE") SpecialUse use) {
        return guarded(() -> {
            mail(address).ensureFolder(folder, use);
            return 0;
        });
    }

    @Command(name = "append", description = "Append the batch on standard input to a folder.")
    int append(@Parameters(paramLabel = "ADDRESS") String address, @Parameters(paramLabel = "FOLDER") String folder,
               @Option(names = "--exact", description = "keep the octets as sent (else CRLF line endings)") boolean exact) {
        return guarded(() -> {
            AppendResult r = mail(address).appendFrames(folder, exact, new BufferedInputStream(root.ctx.in(), 64 * 1024));
            root.ctx.out().println("appended " + r.appended());
            for (String why : r.refused()) root.ctx.out().println("refused " + why);
            if (r.stopped() != null) {
                root.ctx.out().println("stopped " + r.stopped());
                return AdminException.TEMPFAIL;
            }
            return 0;
        });
    }

    @Command(name = "read", description = "Write messages of a folder above a UID to standard output as a batch.")
    int read(@Parameters(paramLabel = "ADDRESS") String address, @Parameters(paramLabel = "FOLDER") String folder,
             @Option(names = "--after", defaultValue = "0") long after,
             @Option(names = "--max", defaultValue = "500") int max,
             @Option(names = "--max-bytes", defaultValue = "67108864") long maxBytes) {
        return guarded(() -> {
            OutputStream out = new BufferedOutputStream(root.ctx.out(), 64 * 1024);
            mail(address).read(folder, after, Math.max(1, Math.min(max, 10_000)), Math.max(1, maxBytes),
                    (uid, flags, date, size, bytes) -> BatchFormat.write(out, uid, flags, date, size, bytes));
            out.flush();
            return 0;
        });
    }

    private interface Body {
        int run() throws IOException;
    }

    /** Store errors as sysexits codes with a message, in one place. */
    private static int guarded(Body body) {
        try {
            return body.run();
        } catch (IOException e) {
            throw new AdminException(AdminException.DATAERR, "bad batch: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new AdminException(AdminException.TEMPFAIL, "I/O error: " + e.getMessage());
        } catch (StoreException.NotFound e) {
            throw new AdminException(AdminException.NOINPUT, e.getMessage());
        } catch (StoreException.InvalidName | StoreException.NotAllowed e) {
            throw new AdminException(AdminException.DATAERR, e.getMessage());
        } catch (StoreException.OverQuota | StoreException.Unavailable e) {
            throw new AdminException(AdminException.TEMPFAIL, e.getMessage());
        } catch (StoreException e) {
            throw new AdminException(AdminException.SOFTWARE, e.getMessage());
        }
    }
}
