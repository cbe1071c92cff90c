package dev.surel.net;

import dev.surel.tls.TlsManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection as a protocol session sees it: bounded line reads, exact byte
 * reads, buffered writes, TLS state and the STARTTLS upgrade.
 *
 * <p>Invariants:
 * <ul>
 * <li>Memory per connection is bounded: an input buffer of {@value #BUFFER} octets plus at
 *     most the line limit (+2) for the line being assembled; an over-long line is skipped up
 *     to its LF without being kept ({@link LineRead.TooLong}). The output buffer grows only as
 *     far as a response needs ({@link OutputBuffer}, up to {@link #outputBufferSize}).</li>
 * <li>A session about to wait long for input (IMAP IDLE) gives its buffers back with
 *     {@link #releaseBuffers()}: while it waits it holds a {@value #LEAN}-octet input buffer
 *     and no output buffer; the read that ends the wait restores the full input buffer for the
 *     next, and the output buffer grows again with the next response.</li>
 * <li>{@link #startTls()} drops every input octet already buffered before the handshake
 *     (RFC 3207 §4.2, RFC 9051 §6.2.1, RFC 2595 §4; CVE-2011-0411): commands pipelined in
 *     clear text after STARTTLS are never executed.</li>
 * <li>Idleness is measured on the injected clock: no octet read or flushed for the idle
 *     timeout raises {@link IdleTimeoutException} from the blocked read. The socket timeout only
 *     bounds how long a read waits before looking at the clock again.</li>
 * <li>Deadlines are measured on the same clock and, unlike idleness, do not restart at each
 *     octet: a line must be complete within {@code [limits] command_deadline} of its first
 *     octet, and a transfer a session bounds with {@link #startDeadline} within its limit,
 *     however steadily the octets trickle in; else {@link DeadlineExceededException}. Every
 *     blocking read waits at most until the nearest deadline. No deadline runs while the
 *     session merely waits for the first octet of a line (that is the idle timeout's case).</li>
 * <li>A write the peer does not drain for the idle timeout (by the clock) gets the
 *     connection closed by the listener's reaper, so a peer that stops reading cannot hold a
 *     session and its limiter place forever.</li>
 * <li>{@link #writeLine} refuses a CR or LF inside the text (no response injection).</li>
 * <li>Used by one session thread; only {@link #close()} and the listener's stop request come
 *     from other threads.</li>
 * </ul>
 */
public final class Connection implements AutoCloseable {
    static final int BUFFER = 8192;
    /** The input buffer of a connection waiting after {@link #releaseBuffers()} ("DONE" CRLF fits). */
    static final int LEAN = 64;
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final String id;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final TlsManager tls;
    private final Clock clock;
    private final Duration handshakeTimeout;
    private final Duration idleCheckInterval;
    private final Socket raw;
    private volatile Socket socket;
    private volatile boolean stopping;
    private InputStream in;
    private OutputBuffer out;
    private byte[] buf = new byte[BUFFER];
    /** The input buffer was given back: the next read uses a {@value #LEAN}-octet one. */
    private boolean lean;
    /** Size of the output buffer (see {@link #outputBufferSize}). */
    private int outBufferSize = BUFFER;
    private int pos;
    private int lim;
    private Duration idleTimeout;
    private final Duration commandDeadline;
    /** The line being read must be complete by then (from its first octet); null outside a line. */
    private Deadline lineDeadline;
    /** The transfer deadline a session put in force ({@link #startDeadline}); null: none. */
    private Deadline transferDeadline;
    private int maxLineLength;
    private Instant lastActivity;
    private TlsInfo tlsInfo;
    /** When the current socket write began (null: not writing); read by the listener's reaper. */
    private volatile Instant writingSince;

    Connection(String id, Socket raw, Socket socket, NetContext ctx) throws IOException {
        this.id = id;
        this.raw = raw;
        this.socket = socket;
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.tls = ctx.tls();
        this.clock = ctx.clock();
        this.handshakeTimeout = ctx.settings().tlsHandshakeTimeout();
        this.idleCheckInterval = ctx.settings().idleCheckInterval();
        this.idleTimeout = ctx.settings().idleTimeout();
        this.maxLineLength = ctx.settings().maxLineLength();
        this.commandDeadline = ctx.settings().commandDeadline();
        this.in = socket.getInputStream();
        this.out = new OutputBuffer(new WatchedOutput(socket.getOutputStream()), BUFFER);
        this.lastActivity = clock.instant();
        if (socket instanceof SSLSocket s) {
            tlsInfo = info(s.getSession());
        }
    }

    /** Connection id for logs, e.g. {@code imap-42}; also the name of the connection's thread. */
    public String id() {
        return id;
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public boolean isTls() {
        return tlsInfo != null;
    }

    /** The negotiated TLS parameters, empty on a clear-text connection. */
    public Optional<TlsInfo> tlsInfo() {
        return Optional.ofNullable(tlsInfo);
    }

    /** True when this server can upgrade the connection (TLS configured and not yet TLS). */
    public boolean canStartTls() {
        return tls != null && tlsInfo == null;
    }

    /** Changes the idle timeout from now on (e.g. IMAP IDLE, SMTP DATA); zero = none. */
    public void idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    /** {@code [limits] command_deadline}: how long one line may take from its first octet to its LF. */
    public Duration commandDeadline() {
        return commandDeadline;
    }

    /**
     * Puts a deadline of {@code limit} from now in force for every read until it is replaced or
     * cleared with {@link #deadline(Deadline) deadline(null)}: the content of SMTP DATA or BDAT,
     * an IMAP literal. Lines read meanwhile still have their own command deadline; the earlier
     * one counts. Returns it, so a transfer spread over several commands (BDAT chunks) can put it
     * back in force with {@link #deadline(Deadline)}.
     */
    public Deadline startDeadline(String what, Duration limit) {
        if (!limit.isPositive()) throw new IllegalArgumentException("deadline must be > 0");
        Deadline d = new Deadline(what, limit, clock.instant().plus(limit));
        transferDeadline = d;
        return d;
    }

    /** Puts a started transfer deadline (back) in force; null clears it. */
    public void deadline(Deadline d) {
        transferDeadline = d;
    }

    /** Changes the default line limit of {@link #readLine()} (octets, CRLF excluded). */
    public void maxLineLength(int max) {
        if (max <= 0) throw new IllegalArgumentException("max line length must be > 0");
        this.maxLineLength = max;
    }

    /**
     * True when octets the peer sent are already buffered here (the next read will not block):
     * a pipelining session flushes its replies only when this is false (RFC 2449 §6.6).
     */
    public boolean inputBuffered() {
        return pos < lim;
    }

    /**
     * Sets the output buffer size (default {@value #BUFFER} octets; kept across STARTTLS): a
     * protocol that streams much data (POP3 RETR of many messages) writes larger segments with
     * fewer system calls. Flushes what is buffered first.
     */
    public void outputBufferSize(int bytes) throws IOException {
        if (bytes < BUFFER) throw new IllegalArgumentException("output buffer below " + BUFFER);
        out.flush();
        outBufferSize = bytes;
        out = new OutputBuffer(new WatchedOutput(socket.getOutputStream()), bytes);
    }

    /**
     * The session expects to wait long for the peer (IMAP IDLE, RFC 2177): flushes, then gives
     * the output buffer back, and the input buffer too when nothing is buffered in it. Reads and
     * writes work as before; the buffers are taken again as they are needed.
     */
    public void releaseBuffers() throws IOException {
        flush();
        out.release();
        if (pos == lim) {
            buf = new byte[LEAN];
            pos = 0;
            lim = 0;
            lean = true;
        }
    }

    /** Reads one line with the connection's line limit. */
    public LineRead readLine() throws IOException {
        return readLine(maxLineLength);
    }

    /**
     * Reads one line ending in LF (CR before it stripped). A line longer than {@code max}
     * octets (terminator excluded) is consumed and dropped up to its LF and reported as
     * {@link LineRead.TooLong}; memory stays bounded however long it is. The whole line, over-long
     * or not, must arrive within {@code [limits] command_deadline} of its first octet (counted
     * from when this call finds it, when it was already buffered), else
     * {@link DeadlineExceededException}.
     */
    public LineRead readLine(int max) throws IOException {
        if (max <= 0) throw new IllegalArgumentException("max line length must be > 0");
        try {
            return readLineBounded(max);
        } finally {
            lineDeadline = null;
        }
    }

    private LineRead readLineBounded(int max) throws IOException {
        long cap = (long) max + 2; // content plus CR LF
        byte[] line = null; // taken once octets arrived: a session waiting for a line holds none
        int len = 0;
        long total = 0;
        boolean overflow = false;
        lineDeadline = null;
        while (true) {
            if (pos == lim && !fill()) {
                return new LineRead.End();
            }
            if (lineDeadline == null) {
                lineDeadline = new Deadline("command line", commandDeadline, clock.instant().plus(commandDeadline));
            }
            int lf = -1;
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int end = lf >= 0 ? lf + 1 : lim;
            int n = end - pos;
            total += n;
            if (!overflow) {
                if (len + n > cap) {
                    overflow = true;
                    line = null;
                } else {
                    if (line == null) {
                        line = new byte[(int) Math.min(cap, Math.max(256, n))];
                    } else if (len + n > line.length) {
                        line = Arrays.copyOf(line, (int) Math.min(cap, Math.max(line.length * 2L, len + n)));
                    }
                    System.arraycopy(buf, pos, line, len, n);
                    len += n;
                }
            }
            pos = end;
            if (lf >= 0) {
                if (overflow) {
                    return new LineRead.TooLong(total, max);
                }
                int content = len - 1;
                boolean crlf = content > 0 && line[content - 1] == '\r';
                if (crlf) {
                    content--;
                }
                if (content > max) {
                    return new LineRead.TooLong(total, max);
                }
                return new LineRead.Line(Arrays.copyOf(line, content), crlf);
            }
        }
    }

    /** Reads exactly {@code n} octets (a literal the caller has bounded); EOF before is an error. */
    public byte[] readExact(int n) throws IOException {
        byte[] outBytes = new byte[n];
        int got = 0;
        while (got < n) {
            if (pos == lim && !fill()) {
                throw new java.io.EOFException("connection closed after " + got + " of " + n + " octets");
            }
            int k = Math.min(n - got, lim - pos);
            System.arraycopy(buf, pos, outBytes, got, k);
            pos += k;
            got += k;
        }
        return outBytes;
    }

    /** Copies exactly {@code n} octets to {@code sink} without holding them (big literals, BDAT). */
    public void copyExact(long n, OutputStream sink) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == lim && !fill()) {
                throw new java.io.EOFException("connection closed with " + left + " of " + n + " octets missing");
            }
            int k = (int) Math.min(left, lim - pos);
            sink.write(buf, pos, k);
            pos += k;
            left -= k;
        }
    }

    /**
     * A byte-level reader of input (SMTP DATA's end-of-data state machine): gets the buffered
     * octets and says how many it took; the rest stays buffered for the next read.
     */
    @FunctionalInterface
    public interface ChunkScanner {
        /** Looks at {@code b[off, off+len)} ({@code len > 0}); returns the octets consumed (0..len). */
        int scan(byte[] b, int off, int len) throws IOException;
    }

    /**
     * Hands the buffered input (reading more first when none is buffered) to {@code scanner}
     * once; the octets it did not consume stay buffered (pipelined commands after the end of
     * DATA). Returns false at the end of input.
     */
    public boolean scan(ChunkScanner scanner) throws IOException {
        if (pos == lim && !fill()) {
            return false;
        }
        int n = scanner.scan(buf, pos, lim - pos);
        if (n < 0 || n > lim - pos) throw new IllegalStateException("scanner consumed " + n + " of " + (lim - pos));
        pos += n;
        return true;
    }

    /**
     * True when input is already buffered (the client pipelined more commands, RFC 2920 §3.1):
     * a session then holds its replies back and flushes them once the buffer is empty.
     */
    public boolean hasBufferedInput() {
        return pos < lim;
    }

    /** Writes octets to the output buffer. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    public void write(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
    }

    /** Writes {@code text} (UTF-8) and CRLF. A CR or LF inside {@code text} is a bug: refused. */
    public void writeLine(String text) throws IOException {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("CR or LF inside a response line");
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /** The buffered output as a stream (for big responses); closing it does not close the connection. */
    public OutputStream output() {
        OutputStream target = out;
        return new java.io.FilterOutputStream(target) {
            @Override public void write(byte[] b, int off, int len) throws IOException { target.write(b, off, len); }
            @Override public void close() throws IOException { target.flush(); }
        };
    }

    /**
     * Sends the buffered output. The idle period restarts when the flush begins (before the
     * peer can see the reply and answer), never after it; a flush the peer does not drain is
     * the write-stall reaper's business.
     */
    public void flush() throws IOException {
        lastActivity = clock.instant();
        out.flush();
    }

    /**
     * Upgrades to TLS as the server (RFC 3207 §4.2, RFC 9051 §6.2.1, RFC 2595 §4). The
     * protocol has already written and this call flushes its "go ahead" reply. Every input
     * octet read but not yet consumed is dropped before the handshake, so nothing the client
     * pipelined after STARTTLS in clear text is ever executed. The handshake must finish within
     * {@code [limits] tls_handshake_timeout}; on failure the connection is unusable.
     */
    public TlsInfo startTls() throws IOException {
        if (tls == null) {
            throw new IllegalStateException("no TLS configured");
        }
        if (tlsInfo != null) {
            throw new IllegalStateException("already TLS");
        }
        flush();
        int dropped = lim - pos;
        Arrays.fill(buf, (byte) 0);
        pos = 0;
        lim = 0;
        if (dropped > 0) {
            log.info("{}: dropped {} octets pipelined after STARTTLS", id, dropped);
        }
        SSLSocket ssl = tls.wrapServer(socket);
        handshake(raw, ssl, handshakeTimeout);
        socket = ssl;
        in = ssl.getInputStream();
        out = new OutputBuffer(new WatchedOutput(ssl.getOutputStream()), outBufferSize);
        tlsInfo = info(ssl.getSession());
        lastActivity = clock.instant();
        return tlsInfo;
    }

    /**
     * True when a socket write has been blocked for longer than the idle timeout by the clock
     * (the peer stopped reading: a slow-read attack or a dead peer). The listener then closes
     * the connection, which fails the blocked write.
     */
    boolean writeStalled(Instant now) {
        Instant since = writingSince;
        Duration limit = idleTimeout;
        return since != null && limit.isPositive() && !Duration.between(since, now).minus(limit).isNegative();
    }

    /** The socket's output stream, noting when a write starts and ends (for {@link #writeStalled}). */
    private final class WatchedOutput extends java.io.FilterOutputStream {
        WatchedOutput(OutputStream target) {
            super(target);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writingSince = clock.instant();
            try {
                out.write(b, off, len);
            } finally {
                writingSince = null;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            writingSince = clock.instant();
            try {
                out.flush();
            } finally {
                writingSince = null;
            }
        }
    }

    /** True once the listener is stopping; a session may check it between commands. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Wakes a session blocked in a read so it gets {@link ServerStoppingException}: shuts the
     * TCP input down (the output stays open for the goodbye). Called by the listener's stop.
     */
    void requestStop() {
        stopping = true;
        try {
            raw.shutdownInput();
        } catch (IOException e) {
            log.debug("{}: shutdownInput: {}", id, e.toString());
        }
    }

    /** Closes the socket (idempotent; may be called from any thread). */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("{}: close: {}", id, e.toString());
        }
    }

    /**
     * Runs a server handshake that must finish within {@code timeout} of real time (a handshake
     * cannot read the clock). A socket timeout alone would restart at every octet, so a peer
     * trickling its ClientHello could hold the connection forever: a watchdog closes
     * {@code under} (the TCP socket below {@code ssl}) when the time is up, which ends the
     * handshake's blocked read.
     */
    static void handshake(Socket under, SSLSocket ssl, Duration timeout) throws TlsHandshakeException {
        AtomicReference<Handshake> state = new AtomicReference<>(Handshake.RUNNING);
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                return; // finished in time
            }
            if (state.compareAndSet(Handshake.RUNNING, Handshake.EXPIRED)) {
                try {
                    under.close();
                } catch (IOException e) {
                    log.debug("closing after a slow TLS handshake: {}", e.toString());
                }
            }
        });
        try {
            ssl.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new TlsHandshakeException("TLS handshake timed out after " + timeout, e);
        } catch (IOException e) {
            if (state.get() == Handshake.EXPIRED) {
                throw new TlsHandshakeException("TLS handshake not complete within " + timeout + " (a slow peer)", e);
            }
            throw new TlsHandshakeException("TLS handshake failed: " + e.getMessage(), e);
        } finally {
            watchdog.interrupt();
        }
        if (!state.compareAndSet(Handshake.RUNNING, Handshake.DONE)) { // the watchdog closed the socket just now
            throw new TlsHandshakeException("TLS handshake not complete within " + timeout, null);
        }
    }

    /** Where a bounded handshake stands: whoever moves it from RUNNING first decides. */
    private enum Handshake { RUNNING, DONE, EXPIRED }

    /**
     * Reads more input into the empty buffer, waiting at most until the idle timeout or the
     * nearest deadline (and never longer than the idle check interval before looking at the
     * clock again). Returns false at the end of input.
     */
    private boolean fill() throws IOException {
        while (true) {
            Instant now = clock.instant();
            long waitMillis = Long.MAX_VALUE; // no timer: block until input
            if (idleTimeout.isPositive()) {
                Duration left = idleTimeout.minus(Duration.between(lastActivity, now));
                if (!left.isPositive()) {
                    throw new IdleTimeoutException(idleTimeout);
                }
                waitMillis = left.toMillis();
            }
            Deadline due = Deadline.earlier(lineDeadline, transferDeadline);
            if (due != null) {
                Duration left = Duration.between(now, due.due());
                if (!left.isPositive()) {
                    log.info("{}: {} from {} not received within {}: closing", id, due.what(),
                            remote.getAddress().getHostAddress(), due.limitText());
                    throw new DeadlineExceededException(due);
                }
                waitMillis = Math.min(waitMillis, left.toMillis());
            }
            int timeout = 0;
            if (waitMillis != Long.MAX_VALUE) {
                long ms = Math.min(waitMillis, idleCheckInterval.toMillis());
                timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
            }
            if (stopping) {
                throw new ServerStoppingException();
            }
            socket.setSoTimeout(timeout);
            if (!lean && buf.length < BUFFER) {
                buf = new byte[BUFFER]; // after a lean wait: full-size reads again
            }
            try {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    if (stopping) {
                        throw new ServerStoppingException();
                    }
                    return false;
                }
                pos = 0;
                lim = n;
                lean = false;
                lastActivity = clock.instant();
                return true;
            } catch (SocketTimeoutException e) {
                // look at the clock again (recoverable: the JDK keeps partial TLS records)
            } catch (IOException e) {
                if (stopping) {
                    throw new ServerStoppingException();
                }
                throw e;
            }
        }
    }

    private static TlsInfo info(SSLSession s) {
        String sni = null;
        if (s instanceof ExtendedSSLSession ext) {
            for (SNIServerName n : ext.getRequestedServerNames()) {
                if (n.getType() == StandardConstants.SNI_HOST_NAME && n instanceof SNIHostName h) {
                    sni = h.getAsciiName();
                }
            }
        }
        return new TlsInfo(s.getProtocol(), s.getCipherSuite(), sni);
    }

    @Override
    public String toString() {
        return id + " " + remote;
    }
}
