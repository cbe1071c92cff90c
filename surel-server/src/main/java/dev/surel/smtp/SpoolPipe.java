package dev.surel.smtp;

import dev.surel.store.MailStore;
import dev.surel.store.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Turns the session's pushes of message octets (DATA blocks, BDAT chunks spread over several
 * commands) into the pull stream {@link MailStore#spool} reads, on a virtual thread of its own.
 *
 * <p>Invariants: memory is bounded by {@value #DEPTH} chunks of at most {@value #CHUNK} octets;
 * the message is never held whole. If the spooling side fails (disk, store size limit), later
 * writes are dropped instead of blocking, and {@link #finish} reports the failure.
 * {@link #abort} makes the spool fail, which removes its temp file. Used by one session thread.
 */
final class SpoolPipe {
    static final int CHUNK = 64 * 1024;
    static final int DEPTH = 4;
    private static final byte[] EOF = new byte[0];
    private static final byte[] ABORT = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(DEPTH + 1);
    private final CompletableFuture<SpooledMessage> result = new CompletableFuture<>();
    private byte[] pending = new byte[CHUNK];
    private int pendingLen;
    private boolean closed;

    SpoolPipe(MailStore store, String name) {
        Thread.ofVirtual().name(name).start(() -> {
            try {
                result.complete(store.spool(new Input()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    void write(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, CHUNK - pendingLen);
            System.arraycopy(b, off, pending, pendingLen, n);
            pendingLen += n;
            off += n;
            len -= n;
            if (pendingLen == CHUNK) handOff();
        }
    }

    private void handOff() {
        if (pendingLen == 0) return;
        put(Arrays.copyOf(pending, pendingLen));
        pendingLen = 0;
    }

    private void put(byte[] chunk) {
        try {
            while (!queue.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                if (result.isDone()) return; // the spool side has ended (failed): drop
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while spooling", e);
        }
    }

    /**
     * Ends the message and waits for the spooled blob.
     *
     * @throws RuntimeException what the store threw (e.g. {@code StoreException.BadMessage} above its size limit)
     */
    SpooledMessage finish() {
        if (closed) throw new IllegalStateException("spool already ended");
        closed = true;
        handOff();
        put(EOF);
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("spooling failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while spooling", e);
        }
    }

    /** Drops the message: the spool fails and removes its temp file (or the blob is closed if it was done). */
    void abort() {
        if (closed) return;
        closed = true;
        queue.clear();
        put(ABORT);
        result.thenAccept(SpooledMessage::close);
    }

    /** The stream the store reads. */
    private final class Input extends InputStream {
        private byte[] chunk = new byte[0];
        private int pos;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            while (pos == chunk.length) {
                if (eof) return -1;
                byte[] next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("spool interrupted");
                }
                if (next == ABORT) throw new IOException("message aborted");
                if (next == EOF) {
                    eof = true;
                    return -1;
                }
                chunk = next;
                pos = 0;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
