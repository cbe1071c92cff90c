package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.Appended;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.store.NewMessage;
import dev.surel.store.StoreSettings;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background collector runs on its interval and judges ages by the injected clock. */
class PeriodicGcTest {
    @TempDir Path dir;

    @Test
    void backgroundCollectorPurgesOnceTheClockPassesTheHorizon() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        StoreSettings settings = StoreSettings.defaults().withGcInterval(Duration.ofMillis(20));
        try (SqlMailStore store = SqlMailStore.open(dir, settings, clock)) {
            long account = TestAccounts.create(store, "alice", null, null);
            long inbox = store.mailbox(account, "INBOX").id();
            Appended a = store.append(account, inbox, NewMessage.of(new ByteArrayInputStream("x\r\n".getBytes())));
            store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            store.expunge(account, inbox, null);
            // several intervals pass in real time, but by the clock the tombstone is young: kept
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Thread.sleep(200);
            assertThat(store.changesSince(account, inbox, 0).expunged()).containsExactly(a.uid());
            clock.advance(Duration.ofDays(31));
            while (store.mailbox(account, inbox).purgedModseq() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(store.changesSince(account, inbox, 0).expunged()).isEmpty();
            assertThat(store.mailbox(account, inbox).purgedModseq()).isPositive();
        }
    }
}
