package dev.surel.admin;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The CLI end of the admin channel: sends a command line to the running server. */
public final class AdminClient {

    private AdminClient() {
    }

    /** A connection to the running server's admin socket, or empty when no server listens there. */
    public static Optional<SocketChannel> connect(Path dataDir) {
        Path socket = dataDir.resolve(AdminProtocol.SOCKET);
        if (!Files.exists(socket)) return Optional.empty();
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return Optional.of(ch);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code args} on the server reached by {@code ch}, sending {@code stdin} (null: none)
     * and copying the server's output; returns the command's exit code.
     */
    public static int run(SocketChannel ch, Path dataDir, List<String> args, InputStream stdin,
                          OutputStream stdout, OutputStream stderr) throws IOException {
        String secret = AdminSecret.read(dataDir);
        try (ch) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
            out.writeUTF(secret);
            out.writeInt(args.size());
            for (String a : args) out.writeUTF(a);
            if (stdin != null) {
                byte[] buf = new byte[AdminProtocol.MAX_FRAME];
                int n;
                while ((n = stdin.read(buf)) > 0) {
                    out.writeInt(n);
                    out.write(buf, 0, n);
                }
            }
            out.writeInt(0);
            out.flush();
            byte[] buf = new byte[AdminProtocol.MAX_FRAME];
            while (true) {
                byte type;
                try {
                    type = in.readByte();
                } catch (EOFException e) {
                    throw new IOException("the server closed the admin connection without an exit code");
                }
                int n = in.readInt();
                if (type == AdminProtocol.EXIT) {
                    stdout.flush();
                    stderr.flush();
                    return n;
                }
                if (n < 0 || n > AdminProtocol.MAX_FRAME) throw new IOException("bad admin frame length " + n);
                in.readFully(buf, 0, n);
                (type == AdminProtocol.STDERR ? stderr : stdout).write(buf, 0, n);
            }
        }
    }
}
