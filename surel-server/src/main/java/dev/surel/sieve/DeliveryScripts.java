package dev.surel.sieve;

import dev.surel.protocol.sieve.MimeSieveMessage;
import dev.surel.protocol.sieve.SieveAction;
import dev.surel.protocol.sieve.SieveResult;
import dev.surel.store.MailStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The Sieve scripts of a local recipient run on one message: the site's {@code sieve.before},
 * the user's active script and {@code sieve.after} ({@link SieveRunner}), with the environment of
 * a delivery ({@link DeliveryEnvironment}). Delivery ({@code queue.SieveDelivery}) carries out
 * what a run decides; the SMTP session uses {@link #rejection} before it takes a message.
 *
 * <p>A script sees what it sees at delivery: the header fields delivery adds (Return-Path,
 * Delivered-To, our results and X-Spam fields) above the first {@link #MAX_SEEN} octets of the
 * message, the real size, RCPT TO as written.
 */
public final class DeliveryScripts {

    /** How much of a message (with the header fields delivery adds) a script's tests see; the size test sees the real size. */
    public static final int MAX_SEEN = 256 * 1024;

    /** Opens the message; called only when a script applies (most users have none). */
    @FunctionalInterface
    public interface Message {
        InputStream open() throws IOException;
    }

    /** A run: the message as the scripts saw it (its header fields, for the actions) and their result. */
    public record Run(MimeSieveMessage message, SieveResult result) { }

    private final MailStore store;
    private final SieveScripts scripts;
    private final SieveMemory memory;
    private final SieveRunner runner;
    private final SpamScale spam;
    private final Clock clock;

    public DeliveryScripts(MailStore store, SieveScripts scripts, SieveMemory memory, SieveRunner runner, SpamScale spam,
            Clock clock) {
        this.store = store;
        this.scripts = scripts;
        this.memory = memory;
        this.runner = runner;
        this.spam = spam;
        this.clock = clock;
    }

    /** What a delivery remembers (vacation replies, duplicate ids), written in its transaction. */
    public SieveMemory memory() {
        return memory;
    }

    /**
     * Runs the scripts of {@code accountId}; empty (the message not even opened) when the user has
     * no active script and the site no global one.
     *
     * @param prefix the header fields delivery writes above the message
     * @param fields our Authentication-Results and the X-Spam-* fields (spamtest reads them), "" for none
     */
    public Optional<Run> run(long accountId, byte[] prefix, Message message, long size, String reversePath, String rcptTo,
            String fields, Instant now) throws IOException {
        Optional<SieveScripts.Active> active = scripts.active(accountId);
        if (active.isEmpty() && !runner.hasGlobal()) return Optional.empty();
        byte[] seen;
        try (InputStream in = message.open()) {
            seen = seen(prefix, in);
        }
        MimeSieveMessage m = new MimeSieveMessage(seen, prefix.length + size, reversePath, rcptTo, MAX_SEEN);
        return Optional.of(new Run(m, runner.run(active, m,
                new DeliveryEnvironment(store, scripts, memory, runner, spam, accountId, fields, now))));
    }

    /**
     * Reject at the protocol level (RFC 5429 §2.1, §2.2: a reject "SHOULD", an ereject "MUST" refuse
     * the message in the SMTP transaction when it can): for a transaction with ONE local recipient
     * the SMTP session runs the recipient's scripts before it takes the message, and a result with
     * reject or ereject is answered {@code 550 5.7.1} with this reason; nothing is queued, so no
     * MDN follows. Every other effect is left to delivery, where the scripts run again (with
     * several recipients a 5xx after DATA would refuse them all: those get the MDN at delivery).
     * Empty when the scripts do not reject, fail (delivery keeps the message and logs the line),
     * or the account has none.
     *
     * @param address the account's address (its Delivered-To), {@code rcptTo} as given in RCPT TO
     */
    public Optional<String> rejection(long accountId, String address, String rcptTo, String reversePath, String fields,
            Message message, long size) throws IOException {
        byte[] prefix = ("Return-Path: <" + clean(reversePath) + ">\r\nDelivered-To: " + clean(address) + "\r\n" + fields)
                .getBytes(StandardCharsets.UTF_8);
        Optional<Run> run = run(accountId, prefix, message, size, reversePath, rcptTo, fields, clock.instant());
        if (run.isEmpty() || run.get().result().error() != null) return Optional.empty();
        for (SieveAction a : run.get().result().actions()) {
            if (a instanceof SieveAction.Reject rej) return Optional.of(rej.reason());
        }
        return Optional.empty();
    }

    /** What a script's tests read: {@code prefix} and the first octets of {@code message}, {@link #MAX_SEEN} in all. */
    public static byte[] seen(byte[] prefix, InputStream message) throws IOException {
        byte[] rest = message.readNBytes(Math.max(0, MAX_SEEN - prefix.length));
        byte[] head = new byte[prefix.length + rest.length];
        System.arraycopy(prefix, 0, head, 0, prefix.length);
        System.arraycopy(rest, 0, head, prefix.length, rest.length);
        return head;
    }

    private static String clean(String s) {
        return s.replaceAll("[\\r\\n<>]", "");
    }
}
