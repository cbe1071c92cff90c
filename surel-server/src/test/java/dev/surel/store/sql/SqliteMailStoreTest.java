package dev.surel.store.sql;

import dev.surel.store.MailStore;
import dev.surel.store.MailStoreContract;
import dev.surel.store.StoreSettings;
import dev.surel.time.MutableClock;
import java.nio.file.Path;

/** The store contract against the embedded SQLite backend. */
class SqliteMailStoreTest extends MailStoreContract {
    @Override
    protected MailStore open(Path dir, StoreSettings settings, MutableClock clock) {
        return SqlMailStore.open(dir, settings, clock);
    }

    @Override
    protected long createAccount(MailStore store, String localPart, Long quotaBytes, Long quotaMessages) {
        return TestAccounts.create((SqlMailStore) store, localPart, quotaBytes, quotaMessages);
    }
}
