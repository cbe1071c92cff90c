package dev.surel.sieve;

import dev.surel.protocol.sieve.SieveEnvironment;
import dev.surel.store.MailStore;
import dev.surel.store.StoreException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * What a script asks of the server while it runs for one message to one account (RFC 5228 and
 * the extensions' environment): the time in the server's zone (RFC 5260), the account's
 * mailboxes (RFC 5490 §3.1), spamtest/virustest from the filter's fields (RFC 5235,
 * {@link SpamScale}), the duplicate ids recorded by earlier deliveries (RFC 7352) and the scripts
 * {@code include} names (RFC 6609): the user's own by name, the site's by
 * {@link SieveRunner#BEFORE}/{@link SieveRunner#AFTER}. Reads only: what a delivery writes goes
 * through {@link SieveMemory} in the delivery's transaction.
 */
public final class DeliveryEnvironment implements SieveEnvironment {

    private final MailStore store;
    private final SieveScripts scripts;
    private final SieveMemory memory;
    private final SieveRunner runner;
    private final SpamScale spam;
    private final long account;
    private final String fields;
    private final Instant now;
    private final ZonedDateTime zoned;

    /**
     * @param fields the header fields delivery adds: our Authentication-Results and the filter's X-Spam-* ("" for none)
     */
    public DeliveryEnvironment(MailStore store, SieveScripts scripts, SieveMemory memory, SieveRunner runner, SpamScale spam,
            long account, String fields, Instant now) {
        this.store = store;
        this.scripts = scripts;
        this.memory = memory;
        this.runner = runner;
        this.spam = spam;
        this.account = account;
        this.fields = fields;
        this.now = now;
        this.zoned = now.atZone(ZoneId.systemDefault());
    }

    /** Fixed for the run, in the server's zone (RFC 5260's default zone). */
    @Override
    public ZonedDateTime now() {
        return zoned;
    }

    @Override
    public boolean mailboxExists(String mailbox) {
        try {
            store.mailbox(account, mailbox);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public int spamTest() {
        return spam.value(fields);
    }

    @Override
    public int spamTestPercent() {
        return spam.percent(fields);
    }

    @Override
    public int virusTest() {
        return spam.virus(fields);
    }

    @Override
    public boolean duplicateSeen(String handle, String id) {
        return memory.duplicateSeen(account, handle, id, now);
    }

    @Override
    public Optional<String> script(String name, boolean global) {
        if (global) return runner.global(name);
        try {
            return Optional.of(scripts.get(account, name));
        } catch (SieveException e) { // NONEXISTENT: the include fails, and the run with it
            return Optional.empty();
        }
    }
}
