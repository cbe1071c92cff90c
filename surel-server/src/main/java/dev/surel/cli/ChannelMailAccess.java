package dev.surel.cli;

import dev.surel.admin.AdminClient;
import dev.surel.admin.AdminException;
import dev.surel.store.SpecialUse;
import dev.surel.transfer.BatchFormat;
import dev.surel.transfer.FolderInfo;
import dev.surel.transfer.MailAccess;
import dev.surel.transfer.MessageKey;
import dev.surel.transfer.Staged;
import dev.surel.transfer.Staging;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MailAccess} through a running server's admin channel: each call is one request, the
 * hidden command {@code surel transfer ...} run by the server against its live store (so its
 * caches, IDLE sessions and quota stay right). The CLI does the reading and parsing of the source
 * and sends one batch per request; a batch is streamed from its temp files as the request's
 * standard input and spooled by the server as it arrives. Batches are bounded, so each request is
 * short and the server's answer (a few lines) is read once it has the whole batch.
 */
final class ChannelMailAccess implements MailAccess {

    private final Path dataDir;
    private final String address;
    private final Staging staging;

    public ChannelMailAccess(Path dataDir, String address, Staging staging) {
        this.dataDir = dataDir;
        this.address = address;
        this.staging = staging;
    }

    @Override
    public List<FolderInfo> folders() {
        return lines(call(null, "transfer", "folders", address)).stream().map(FolderInfo::parse).toList();
    }

    @Override
    public List<MessageKey> keys(String folder) {
        return lines(call(null, "transfer", "keys", address, folder)).stream().map(MessageKey::parse).toList();
    }

    @Override
    public void ensureFolder(String folder, SpecialUse specialUse) {
        if (specialUse == null) call(null, "transfer", "mkdir", address, folder);
        else call(null, "transfer", "mkdir", address, folder, "--special-use", specialUse.name());
    }

    @Override
    public AppendResult append(String folder, boolean exact, List<Staged> batch) {
        List<String> args = new ArrayList<>(List.of("transfer", "append", address, folder));
        if (exact) args.add("--exact");
        Reply r;
        try (InputStream frames = BatchFormat.of(batch)) {
            r = request(frames, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int appended = 0;
        List<String> refused = new ArrayList<>();
        String stopped = null;
        for (String line : lines(r.out())) {
            if (line.startsWith("appended ")) appended = Integer.parseInt(line.substring(9).strip());
            else if (line.startsWith("refused ")) refused.add(line.substring(8));
            else if (line.startsWith("stopped ")) stopped = line.substring(8);
        }
        if (r.exit() != 0 && stopped == null) throw failure(r, args);
        return new AppendResult(appended, refused, stopped);
    }

    @Override
    public int read(String folder, long afterUid, int maxMessages, long maxBytes, MessageSink sink) throws IOException {
        Path file = staging.newFile();
        try {
            List<String> args = List.of("transfer", "read", address, folder, "--after", Long.toString(afterUid),
                    "--max", Integer.toString(maxMessages), "--max-bytes", Long.toString(maxBytes));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                exit = run(null, args, out, err);
            }
            if (exit != 0) throw failure(new Reply(exit, "", err.toString(StandardCharsets.UTF_8)), args);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                return BatchFormat.read(in, 0, sink::accept);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private record Reply(int exit, String out, String err) {
    }

    private String call(InputStream stdin, String... args) {
        Reply r = request(stdin, List.of(args));
        if (r.exit() != 0) throw failure(r, List.of(args));
        return r.out();
    }

    private Reply request(InputStream stdin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = run(stdin, args, out, err);
        return new Reply(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private int run(InputStream stdin, List<String> args, OutputStream out, OutputStream err) {
        SocketChannel ch = AdminClient.connect(dataDir).orElseThrow(() -> new AdminException(AdminException.TEMPFAIL,
                "the server stopped answering on its admin channel (" + dataDir.resolve("admin.sock") + ")"));
        try {
            return AdminClient.run(ch, dataDir, args, stdin, out, err);
        } catch (IOException e) {
            throw new AdminException(AdminException.TEMPFAIL, "admin channel: " + e.getMessage());
        }
    }

    private static AdminException failure(Reply r, List<String> args) {
        String why = r.err().strip();
        if (why.startsWith("surel: ")) why = why.substring(7);
        return new AdminException(r.exit() == 0 ? AdminException.SOFTWARE : r.exit(),
                why.isEmpty() ? String.join(" ", args.subList(0, 2)) + " failed (exit " + r.exit() + ")" : why);
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }
}
