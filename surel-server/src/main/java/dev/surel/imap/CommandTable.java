package dev.surel.imap;

import dev.surel.imap.ImapSession.State;
import dev.surel.protocol.imap.ImapCommand;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The command table: for every {@link ImapCommand}, the states it may run in (RFC 9051 §6.1 any
 * state, §6.2 not authenticated, §6.3 authenticated, §6.4 selected), whether it addresses
 * messages by sequence number (then no EXPUNGE may be sent while it completes, RFC 9051
 * §7.5.1), and its handler: one class per command, named after it ({@code MOVE} is
 * {@link MoveCmd}, {@code EXAMINE} {@link ExamineCmd}); what two commands share is a helper the
 * two handlers call ({@link CopyAndMove}, {@link SelectAndExamine}).
 */
final class CommandTable {

    private CommandTable() {
    }

    @FunctionalInterface
    interface Handler {
        void run(ImapSession s, String tag) throws IOException;
    }

    record Spec(Set<State> states, boolean usesSequenceNumbers, Handler handler) { }

    private static final Set<State> ANY = EnumSet.of(State.NOT_AUTHENTICATED, State.AUTHENTICATED, State.SELECTED);
    private static final Set<State> NOT_AUTH = EnumSet.of(State.NOT_AUTHENTICATED);
    private static final Set<State> AUTH = EnumSet.of(State.AUTHENTICATED, State.SELECTED);
    private static final Set<State> AUTH_ONLY = EnumSet.of(State.AUTHENTICATED);
    private static final Set<State> SELECTED = EnumSet.of(State.SELECTED);

    static Spec spec(ImapCommand command) {
        return switch (command) {
            case ImapCommand.Capability c -> spec(ANY, (s, t) -> CapabilityCmd.run(s, t));
            case ImapCommand.Noop c -> spec(ANY, (s, t) -> NoopCmd.run(s, t));
            case ImapCommand.Logout c -> spec(ANY, (s, t) -> LogoutCmd.run(s, t));
            case ImapCommand.Id c -> spec(ANY, (s, t) -> IdCmd.run(s, t, c));
            case ImapCommand.StartTls c -> spec(NOT_AUTH, (s, t) -> StartTlsCmd.run(s, t));
            case ImapCommand.Authenticate c -> spec(NOT_AUTH, (s, t) -> AuthenticateCmd.run(s, t, c));
            case ImapCommand.Login c -> spec(NOT_AUTH, (s, t) -> LoginCmd.run(s, t, c));
            case ImapCommand.Enable c -> spec(AUTH_ONLY, (s, t) -> EnableCmd.run(s, t, c));
            case ImapCommand.Select c when c.examine() -> spec(AUTH, (s, t) -> ExamineCmd.run(s, t, c));
            case ImapCommand.Select c -> spec(AUTH, (s, t) -> SelectCmd.run(s, t, c));
            case ImapCommand.Create c -> spec(AUTH, (s, t) -> CreateCmd.run(s, t, c));
            case ImapCommand.Delete c -> spec(AUTH, (s, t) -> DeleteCmd.run(s, t, c));
            case ImapCommand.Rename c -> spec(AUTH, (s, t) -> RenameCmd.run(s, t, c));
            case ImapCommand.Subscribe c -> spec(AUTH, (s, t) -> SubscribeCmd.run(s, t, c.mailbox(), true));
            case ImapCommand.Unsubscribe c -> spec(AUTH, (s, t) -> SubscribeCmd.run(s, t, c.mailbox(), false));
            case ImapCommand.ListMailboxes c -> spec(AUTH, (s, t) -> ListCmd.run(s, t, c));
            case ImapCommand.Lsub c -> spec(AUTH, (s, t) -> LsubCmd.run(s, t, c));
            case ImapCommand.Namespace c -> spec(AUTH, (s, t) -> NamespaceCmd.run(s, t));
            case ImapCommand.Status c -> spec(AUTH, (s, t) -> StatusCmd.run(s, t, c));
            case ImapCommand.Append c -> spec(AUTH, (s, t) -> AppendCmd.run(s, t, c));
            case ImapCommand.Idle c -> spec(AUTH, (s, t) -> IdleCmd.run(s, t));
            case ImapCommand.GetQuota c -> spec(AUTH, (s, t) -> QuotaCmd.getQuota(s, t, c));
            case ImapCommand.GetQuotaRoot c -> spec(AUTH, (s, t) -> QuotaCmd.getQuotaRoot(s, t, c));
            case ImapCommand.SetQuota c -> spec(AUTH, (s, t) -> QuotaCmd.setQuota(s, t));
            case ImapCommand.Check c -> spec(SELECTED, (s, t) -> CheckCmd.run(s, t));
            case ImapCommand.Close c -> spec(SELECTED, (s, t) -> CloseCmd.run(s, t));
            case ImapCommand.Unselect c -> spec(SELECTED, (s, t) -> UnselectCmd.run(s, t));
            case ImapCommand.Expunge c -> spec(SELECTED, (s, t) -> ExpungeCmd.run(s, t, c));
            case ImapCommand.Search c -> new Spec(SELECTED, !c.uid(), (s, t) -> SearchCmd.run(s, t, c));
            case ImapCommand.Fetch c -> new Spec(SELECTED, !c.uid(), (s, t) -> FetchCmd.run(s, t, c));
            case ImapCommand.Store c -> new Spec(SELECTED, !c.uid(), (s, t) -> StoreCmd.run(s, t, c));
            case ImapCommand.Copy c -> spec(SELECTED, (s, t) -> CopyCmd.run(s, t, c));
            case ImapCommand.Move c -> spec(SELECTED, (s, t) -> MoveCmd.run(s, t, c));
        };
    }

    private static Spec spec(Set<State> states, Handler h) {
        return new Spec(states, false, h);
    }
}
