package dev.surel.smtp;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.net.Connection;
import dev.surel.net.DeadlineExceededException;
import dev.surel.net.IdleTimeoutException;
import dev.surel.net.LineRead;
import dev.surel.net.ServerStoppingException;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpParser;
import dev.surel.protocol.smtp.SmtpReply;
import dev.surel.protocol.smtp.SmtpSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection: greeting, then command after command until QUIT, the peer's end, a
 * timeout, the server's stop or too many errors.
 *
 * <p>States (RFC 5321 §4.1.4, §3.3): <em>connected</em> (greeted; only EHLO/HELO, NOOP, RSET,
 * QUIT, HELP, VRFY, EXPN, STARTTLS, AUTH), <em>greeted</em> ({@link #helo} set), <em>in a
 * transaction</em> ({@link #tx} set by MAIL, recipients added by RCPT) and <em>receiving</em>
 * (inside DATA or between BDAT chunks). EHLO, HELO, RSET and STARTTLS end a transaction.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every reply is a {@link SmtpReply}: 4xx/5xx replies carry an enhanced status code
 *       (RFC 2034, RFC 3463) and no reply ever contains a CR, LF or other control character
 *       from the peer.</li>
 *   <li>PIPELINING (RFC 2920 §3.1): replies are held back while the client has sent more input
 *       and flushed when the input buffer is empty, and always at the sync points (the greeting,
 *       354, 334, the STARTTLS go-ahead, the end of the session).</li>
 *   <li>250 after DATA / BDAT LAST is sent only after {@link dev.surel.queue.MailQueue#accept}
 *       returned (the message and its recipients are durable).</li>
 *   <li>The data of DATA ends only at {@code <CRLF>.<CRLF>}; a message with a bare CR or LF is
 *       read to that end and refused whole (550 5.6.0); nothing is answered in the middle of the
 *       data (RFC 5321 §2.3.8, §4.1.1.4). BDAT chunks are read in full, whatever the answer.</li>
 *   <li>Port 25 never offers AUTH and never requires TLS; submission requires AUTH before MAIL
 *       (530 5.7.0, RFC 6409 §4.3) and offers password-revealing mechanisms only under the
 *       clear-text rule.</li>
 *   <li>After STARTTLS every state is forgotten (RFC 3207 §4.2); the connection drops octets
 *       pipelined after it.</li>
 *   <li>Slow senders (the timeouts of RFC 5321 §4.5.3.2 bound only each wait, and restart at
 *       every octet): a command line must arrive within {@code limits.command_deadline} of its
 *       first octet; a message's content within {@code smtp.data_deadline}, DATA from the 354,
 *       BDAT from the first chunk's command to the end of LAST (the command lines between chunks
 *       included). Past either: 421 4.4.2 (RFC 5321 §3.8 and §7.8, RFC 3463 X.4.2 "bad
 *       connection") and close; the message is not accepted.</li>
 *   <li>Every 5xx reply costs one error (4xx do not: a client told "too many recipients"
 *       or "mailbox full" did nothing wrong); after {@code max_errors} the session answers
 *       421 4.7.0 and closes. A fault of the server is 451 4.3.0 and a log line, never a stack
 *       trace to the peer.</li>
 * </ul>
 */
final class SmtpSession {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);

    final SmtpContext ctx;
    final Connection conn;
    /** The EHLO/HELO argument, null before it (and after STARTTLS). */
    String helo;
    /** True after EHLO (extensions in effect), false after HELO. */
    boolean esmtp;
    /** The submission login, null when not authenticated. */
    AuthenticatedUser user;
    /** The mail transaction, null outside one. */
    Transaction tx;
    private int errors;
    private boolean quit;

    SmtpSession(SmtpContext ctx, Connection conn) {
        this.ctx = ctx;
        this.conn = conn;
    }

    void run() throws IOException {
        conn.idleTimeout(ctx.settings().commandTimeout());
        try {
            send(SmtpReply.plain(220, ctx.hostname() + " ESMTP Surel"), true);
            while (!quit) {
                // between BDAT chunks the message's data deadline still runs; else none but the line's own
                conn.deadline(tx != null && tx.bdat != null ? tx.bdatDeadline : null);
                LineRead read = conn.readLine(SmtpSettings.MAX_AUTH_LINE);
                SmtpReply reply = switch (read) {
                    case LineRead.End end -> null;
                    case LineRead.TooLong tooLong -> Replies.LINE_TOO_LONG;
                    case LineRead.Line line -> command(line.bytes());
                };
                if (reply == null) return;
                if (reply == Replies.NONE) continue;
                send(reply, quit);
                if (reply.code() >= 500 && ++errors >= ctx.settings().maxErrors() && !quit) {
                    send(Replies.TOO_MANY_ERRORS, true);
                    return;
                }
            }
        } catch (IdleTimeoutException e) {
            sendQuietly(SmtpReply.of(421, "4.4.2", ctx.hostname() + " Timeout, closing connection"));
        } catch (DeadlineExceededException e) {
            sendQuietly(SmtpReply.of(421, "4.4.2", ctx.hostname() + " Too slow: " + e.getMessage() + ", closing connection"));
        } catch (ServerStoppingException e) {
            sendQuietly(SmtpReply.of(421, "4.3.2", ctx.hostname() + " Service shutting down, closing connection"));
        } finally {
            if (tx != null) tx.abort();
        }
    }

    /** Parses and runs one command line. */
    private SmtpReply command(byte[] line) throws IOException {
        if (line.length > ctx.settings().maxCommandLine() - 2 && !startsWithAuth(line)) return Replies.LINE_TOO_LONG;
        SmtpCommand cmd;
        try {
            cmd = SmtpParser.parse(line);
        } catch (SmtpSyntaxException e) {
            return e.reply();
        }
        try {
            return dispatch(cmd);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("{}: {} failed", conn.id(), cmd.getClass().getSimpleName(), e);
            if (tx != null) tx.abort();
            tx = null;
            return Replies.LOCAL_ERROR;
        }
    }

    private SmtpReply dispatch(SmtpCommand cmd) throws IOException {
        return switch (cmd) {
            case SmtpCommand.Ehlo c -> HeloHandler.ehlo(this, c);
            case SmtpCommand.Helo c -> HeloHandler.helo(this, c);
            case SmtpCommand.Mail c -> MailHandler.handle(this, c);
            case SmtpCommand.Rcpt c -> RcptHandler.handle(this, c);
            case SmtpCommand.Data c -> DataHandler.handle(this, c);
            case SmtpCommand.Bdat c -> BdatHandler.handle(this, c);
            case SmtpCommand.StartTls c -> StartTlsHandler.handle(this, c);
            case SmtpCommand.Auth c -> AuthHandler.handle(this, c);
            case SmtpCommand.Rset c -> {
                resetTransaction();
                yield Replies.OK;
            }
            case SmtpCommand.Noop c -> Replies.OK;
            case SmtpCommand.Quit c -> {
                quit = true;
                yield SmtpReply.of(221, "2.0.0", ctx.hostname() + " Bye");
            }
            case SmtpCommand.Help c -> InfoHandler.help(this, c);
            case SmtpCommand.Vrfy c -> InfoHandler.vrfy(c);
            case SmtpCommand.Expn c -> InfoHandler.expn(c);
        };
    }

    private static boolean startsWithAuth(byte[] line) {
        return line.length >= 5 && new String(line, 0, 5, StandardCharsets.US_ASCII).equalsIgnoreCase("AUTH ");
    }

    /** Ends the transaction (RSET, EHLO, HELO, STARTTLS): a BDAT message in progress is dropped. */
    void resetTransaction() {
        if (tx != null) tx.abort();
        tx = null;
    }

    /**
     * Writes a reply; flushes when {@code flush} or when no more input is buffered (RFC 2920
     * §3.1: the client waits for the replies only once it has nothing more to send).
     */
    void send(SmtpReply reply, boolean flush) throws IOException {
        for (String l : reply.wireLines()) conn.writeLine(l);
        if (flush || !conn.hasBufferedInput()) conn.flush();
    }

    private void sendQuietly(SmtpReply reply) {
        try {
            send(reply, true);
        } catch (IOException | RuntimeException e) {
            log.debug("{}: goodbye not sent: {}", conn.id(), e.toString());
        }
    }

    boolean authenticated() {
        return user != null;
    }

    /** The peer's IP address as text. */
    String clientIp() {
        return conn.remoteAddress().getAddress().getHostAddress();
    }
}
