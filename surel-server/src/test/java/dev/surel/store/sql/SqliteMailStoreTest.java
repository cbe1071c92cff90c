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

    @org.junit.jupiter.api.Test
    void theStructureIsStoredWithTheBlobAtAppendAndRebuiltWhenMissing() {
        SqlMailStore sql = (SqlMailStore) store;
        long uid = append(inbox(), "Subject: stored\r\n\r\nbody\r\n").uid();
        long stored = sql.database().<Long>read(c -> Sql.queryLong(c, -1, "SELECT count(*) FROM blobs WHERE structure IS NOT NULL"));
        org.assertj.core.api.Assertions.assertThat(stored).isEqualTo(1);
        // a blob without one (e.g. spooled while its bytes could not be read) gets it on first use
        sql.database().write(c -> Sql.update(c, "UPDATE blobs SET structure = NULL"));
        org.assertj.core.api.Assertions.assertThat(store.structure(account, inbox(), uid).envelope().subject()).isEqualTo("stored");
        stored = sql.database().<Long>read(c -> Sql.queryLong(c, -1, "SELECT count(*) FROM blobs WHERE structure IS NOT NULL"));
        org.assertj.core.api.Assertions.assertThat(stored).isEqualTo(1);
    }
}
