package dev.surel.sieve;

import dev.surel.protocol.sieve.MimeSieveMessage;
import dev.surel.protocol.sieve.SieveAction;
import dev.surel.protocol.sieve.SieveResult;
import dev.surel.store.MailStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Reject at the protocol level (RFC 5429 §2.1, §2.2: a reject "SHOULD", an ereject "MUST" refuse
 * the message in the SMTP transaction when it can): for a transaction with ONE local recipient,
 * the SMTP session runs the recipient's scripts on the message before it takes it, and a result
 * with reject or ereject is answered {@code 550 5.7.1} with the script's reason; nothing is
 * queued, so no MDN follows. Every other effect is left to delivery, where the scripts run again
 * (with several recipients a 5xx after DATA would refuse them all, so those get the MDN at
 * delivery, {@code queue.SieveDelivery}).
 *
 * <p>The script sees what it sees at delivery: the header fields delivery adds
 * (Return-Path, Delivered-To, our results and X-Spam fields) above the first
 * {@link #MAX_SEEN} octets, the real size, RCPT TO as written.
 */
public final class SieveAtData {

    /** How much of a message (with the header fields delivery adds) a script's tests see; the size test sees the real size. */
    public static final int MAX_SEEN = 256 * 1024;

    private final MailStore store;
    private final SieveScripts scripts;
    private final SieveMemory memory;
    private final SieveRunner runner;
    private final SpamScale spam;
    private final Clock clock;

    public SieveAtData(MailStore store, SieveScripts scripts, SieveMemory memory, SieveRunner runner, SpamScale spam, Clock clock) {
        this.store = store;
        this.scripts = scripts;
        this.memory = memory;
        this.runner = runner;
        this.spam = spam;
        this.clock = clock;
    }

    /**
     * The reason to refuse with, or empty when the scripts do not reject (or the account has none).
     *
     * @param address the account's address (its Delivered-To), {@code rcptTo} as given in RCPT TO
     * @param fields  our Authentication-Results and the filter's X-Spam-* fields, "" for none
     */
    public Optional<String> rejection(long accountId, String address, String rcptTo, String reversePath, String fields,
            InputStream message, long size) throws IOException {
        Optional<SieveScripts.Active> active = scripts.active(accountId);
        if (active.isEmpty() && !runner.hasGlobal()) return Optional.empty();
        byte[] prefix = ("Return-Path: <" + clean(reversePath) + ">\r\nDelivered-To: " + clean(address) + "\r\n" + fields)
                .getBytes(StandardCharsets.UTF_8);
        MimeSieveMessage m = new MimeSieveMessage(seen(prefix, message), prefix.length + size, reversePath, rcptTo, MAX_SEEN);
        SieveResult r = runner.run(active, m,
                new DeliveryEnvironment(store, scripts, memory, runner, spam, accountId, fields, clock.instant()));
        if (r.error() != null) return Optional.empty(); // delivery keeps it, and logs the line
        for (SieveAction a : r.actions()) {
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
