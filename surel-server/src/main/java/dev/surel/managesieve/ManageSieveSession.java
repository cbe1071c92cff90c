package dev.surel.managesieve;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.net.Connection;
import dev.surel.net.DeadlineExceededException;
import dev.surel.net.IdleTimeoutException;
import dev.surel.net.LineRead;
import dev.surel.net.ServerStoppingException;
import dev.surel.protocol.managesieve.CommandText;
import dev.surel.protocol.managesieve.LiteralMark;
import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveParse;
import dev.surel.protocol.managesieve.ManageSieveParser;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import dev.surel.protocol.managesieve.ResponseCode;
import dev.surel.sieve.SieveException;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ManageSieve session (RFC 5804) on one connection.
 *
 * <p>Invariants:
 * <ul>
 *   <li>States as RFC 5804 §1.2: non-authenticated until AUTHENTICATE succeeds, then
 *       authenticated (UNAUTHENTICATE, §2.14, goes back); LOGOUT, BYE or the end of input end it.
 *       Each command runs only in its states ({@link #dispatch}); others get NO.</li>
 *   <li>The greeting is the capability list (§1.7), sent again after STARTTLS (§2.2).</li>
 *   <li>Memory is bounded: a command line is at most {@code managesieve.max_line_length} octets
 *       (longer: BYE, as its literals cannot be told from commands); a command has at most
 *       {@value #MAX_LITERALS} literals, each at most {@code sieve.max_script_size} octets; a
 *       larger one (up to {@value #MAX_SKIPPED} octets) is skipped unread and answered
 *       NO (QUOTA/MAXSIZE), beyond that BYE.</li>
 *   <li>A command, literals included, must arrive within {@code limits.command_deadline};
 *       idleness is bounded by {@code managesieve.login_timeout} before authentication and
 *       {@code managesieve.idle_timeout} after; the server's stop answers BYE (TRYLATER).</li>
 *   <li>Password-revealing mechanisms follow the one clear-text rule; at most
 *       {@code managesieve.max_unauthenticated_commands} commands and
 *       {@code managesieve.max_failed_logins} failed logins before BYE; the login throttle and log
 *       are the server's ({@code LoginGuard}).</li>
 *   <li>Every string the server writes is quoted or a literal ({@link ManageSieveResponse}): no
 *       octet from the peer can end a response line. Server faults answer NO (TRYLATER) and are
 *       logged with the connection id; never a stack trace to the peer.</li>
 * </ul>
 */
final class ManageSieveSession {
    private static final Logger log = LoggerFactory.getLogger(ManageSieveSession.class);
    static final int MAX_LITERALS = 4;
    static final long MAX_SKIPPED = 64L << 20;
    /** Largest literal of a SASL response. */
    static final long MAX_SASL_LITERAL = 16_384;

    final ManageSieveContext ctx;
    final Connection conn;
    AuthenticatedUser user;
    int failedLogins;
    private int unauthCommands;
    private boolean done;

    ManageSieveSession(ManageSieveContext ctx, Connection conn) {
        this.ctx = ctx;
        this.conn = conn;
    }

    void run() throws IOException {
        conn.idleTimeout(ctx.settings().loginTimeout());
        try {
            CapabilityCmd.send(this, "Surel ManageSieve ready");
            while (!done) {
                if (!conn.inputBuffered()) conn.flush();
                switch (readCommand(ctx.scripts().settings().maxScriptSize())) {
                    case CommandRead.End e -> done = true;
                    case CommandRead.TooLarge t -> reply(ManageSieveResponse.no(ResponseCode.QUOTA_MAXSIZE,
                            "a script may have at most " + ctx.scripts().settings().maxScriptSize() + " octets"));
                    case CommandRead.Command c -> {
                        if (user == null && ++unauthCommands > ctx.settings().maxUnauthCommands()) {
                            bye(null, "too many commands without authentication");
                            return;
                        }
                        switch (ManageSieveParser.parse(c.text())) {
                            case ManageSieveParse.Invalid bad -> reply(ManageSieveResponse.no(bad.message()));
                            case ManageSieveParse.Ok ok -> dispatch(ok.command());
                        }
                    }
                }
            }
            conn.flush();
        } catch (LineTooLong e) {
            bye(null, "command line too long");
        } catch (IdleTimeoutException e) {
            bye(null, "idle for too long");
        } catch (DeadlineExceededException e) {
            bye(null, "too slow: " + e.getMessage());
        } catch (ServerStoppingException e) {
            bye(ResponseCode.TRYLATER, "server shutting down, try again later");
        }
    }

    /** The command table (RFC 5804 §2): which commands each state accepts. */
    private void dispatch(ManageSieveCommand c) throws IOException {
        boolean auth = user != null;
        try {
            switch (c) {
                case ManageSieveCommand.Capability x -> CapabilityCmd.send(this, null);
                case ManageSieveCommand.Logout x -> {
                    reply(ManageSieveResponse.ok("Logout completed"));
                    done = true;
                }
                case ManageSieveCommand.Noop x -> reply(x.tag().isPresent()
                        ? ManageSieveResponse.ok(ResponseCode.tag(x.tag().get()), "Done") : ManageSieveResponse.ok("Done"));
                case ManageSieveCommand.StartTls x when !auth -> StartTlsCmd.run(this);
                case ManageSieveCommand.Authenticate x when !auth -> AuthenticateCmd.run(this, x);
                case ManageSieveCommand.Unauthenticate x when auth -> {
                    log.info("{}: ManageSieve logout of {} (UNAUTHENTICATE)", conn.id(), user.address());
                    user = null;
                    conn.idleTimeout(ctx.settings().loginTimeout());
                    reply(ManageSieveResponse.ok("Unauthenticated"));
                }
                case ManageSieveCommand.HaveSpace x when auth -> HaveSpaceCmd.run(this, x);
                case ManageSieveCommand.PutScript x when auth -> PutScriptCmd.run(this, x);
                case ManageSieveCommand.CheckScript x when auth -> CheckScriptCmd.run(this, x);
                case ManageSieveCommand.ListScripts x when auth -> ListScriptsCmd.run(this);
                case ManageSieveCommand.SetActive x when auth -> SetActiveCmd.run(this, x);
                case ManageSieveCommand.GetScript x when auth -> GetScriptCmd.run(this, x);
                case ManageSieveCommand.DeleteScript x when auth -> DeleteScriptCmd.run(this, x);
                case ManageSieveCommand.RenameScript x when auth -> RenameScriptCmd.run(this, x);
                default -> reply(ManageSieveResponse.no(auth ? "not allowed after authentication" : "authenticate first"));
            }
        } catch (SieveException e) {
            reply(Replies.of(e));
        } catch (StoreException.Unavailable e) {
            log.warn("{}: ManageSieve {}: store unavailable: {}", conn.id(), c.getClass().getSimpleName(), e.getMessage());
            reply(ManageSieveResponse.no(ResponseCode.TRYLATER, "storage unavailable, try again later"));
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("{}: ManageSieve {} failed", conn.id(), c.getClass().getSimpleName(), e);
            reply(ManageSieveResponse.no(ResponseCode.TRYLATER, "internal error, try again later"));
        }
    }

    /**
     * Reads one command (or SASL response): a line and, while a line ends with a literal
     * announcement, that literal and the next line. A literal above {@code maxLiteral} is skipped
     * to the command's end without being kept ({@link CommandRead.TooLarge}); too many literals or
     * one above {@link #MAX_SKIPPED} end the session.
     */
    CommandRead readCommand(long maxLiteral) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        long skipped = -1;
        while (true) {
            switch (conn.readLine(ctx.settings().maxLineLength())) {
                case LineRead.End e -> {
                    return new CommandRead.End();
                }
                case LineRead.TooLong t -> throw new LineTooLong();
                case LineRead.Line line -> {
                    lines.add(line.bytes());
                    if (!(ManageSieveParser.literalMark(line.bytes()) instanceof LiteralMark.Literal lit)) {
                        return skipped >= 0 ? new CommandRead.TooLarge(skipped) : new CommandRead.Command(new CommandText(lines, literals));
                    }
                    if (literals.size() >= MAX_LITERALS || lit.size() > MAX_SKIPPED) throw new LineTooLong();
                    conn.startDeadline("literal", conn.commandDeadline());
                    try {
                        if (lit.size() > maxLiteral || skipped >= 0) {
                            conn.copyExact(lit.size(), OutputStream.nullOutputStream());
                            skipped = Math.max(skipped, lit.size());
                            literals.add(new byte[0]);
                        } else {
                            literals.add(conn.readExact((int) lit.size()));
                        }
                    } finally {
                        conn.deadline(null);
                    }
                }
            }
        }
    }

    void reply(byte[] response) throws IOException {
        conn.write(response);
    }

    boolean cleartextAllowed() {
        return ctx.cleartext().allowsCleartext(conn);
    }

    /** Says BYE and ends the session (RFC 5804 §1.2: the server closes the connection). */
    void bye(ResponseCode code, String text) throws IOException {
        reply(ManageSieveResponse.bye(code, text));
        conn.flush();
        done = true;
    }

    /** A command that cannot be read safely (over-long line, too many or huge literals): the session ends with BYE. */
    static final class LineTooLong extends IOException {
        LineTooLong() {
            super("command too long", null);
        }
    }
}
