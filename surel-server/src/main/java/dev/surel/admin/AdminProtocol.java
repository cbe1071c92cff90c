package dev.surel.admin;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Wire format of the admin channel (a Unix-domain socket, so only local users who can reach
 * the data directory can connect; the secret proves they may read it).
 *
 * <pre>
 * client: UTF secret, int argc (1..64), argc x UTF arg, then standard input as frames:
 *         int length (1..65536) + bytes, ..., int 0 (end of input)
 * server: frames: byte STDOUT|STDERR + int length + bytes, ..., byte EXIT + int exit code
 * </pre>
 * Every length is checked before anything is allocated.
 */
public final class AdminProtocol {

    public static final String SOCKET = "admin.sock";
    public static final int MAX_ARGS = 64;
    public static final int MAX_FRAME = 65_536;
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    public static final byte EXIT = 3;
    /** sysexits.h EX_NOPERM: the secret did not match. */
    public static final int NOPERM = 77;

    private AdminProtocol() {
    }

    /** Reads the client's standard input frames as one stream. */
    static InputStream stdinFrames(DataInputStream in) {
        return new InputStream() {
            private int left;
            private boolean eof;

            private boolean fill() throws IOException {
                while (left == 0 && !eof) {
                    int n = in.readInt();
                    if (n < 0 || n > MAX_FRAME) throw new IOException("bad admin frame length " + n);
                    if (n == 0) eof = true;
                    left = n;
                }
                return left > 0;
            }

            @Override
            public int read() throws IOException {
                if (!fill()) return -1;
                left--;
                return in.readUnsignedByte();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                if (!fill()) return -1;
                int n = in.read(b, off, Math.min(len, left));
                if (n < 0) throw new IOException("admin client went away");
                left -= n;
                return n;
            }

            /** Drains what the command did not read, so the framing stays in step. */
            @Override
            public void close() throws IOException {
                byte[] skip = new byte[8192];
                while (read(skip, 0, skip.length) >= 0) {
                    // discard
                }
            }
        };
    }

    /** An output stream that writes frames of {@code type} (writes from several threads are serialised on {@code out}). */
    static OutputStream frames(DataOutputStream out, byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, MAX_FRAME);
                    synchronized (out) {
                        out.writeByte(type);
                        out.writeInt(n);
                        out.write(b, off, n);
                    }
                    off += n;
                    len -= n;
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (out) {
                    out.flush();
                }
            }
        };
    }
}
