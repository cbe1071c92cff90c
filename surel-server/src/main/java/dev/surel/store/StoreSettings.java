package dev.surel.store;

import java.time.Duration;

/**
 * Settings of the mail store. TOML keys (section {@code [store]}):
 * <ul>
 *   <li>{@code tombstone_horizon} (duration, default "30d"): expunged messages are kept as
 *       tombstones this long (QRESYNC VANISHED), then purged.</li>
 *   <li>{@code blob_gc_grace} (duration, default "1h"): a blob file no longer referenced is
 *       deleted only after it stayed unreferenced this long; stale temp files likewise.</li>
 *   <li>{@code gc_interval} (duration, default "1h"; "0s" disables the periodic run): how often
 *       the garbage collector runs in the background.</li>
 *   <li>{@code default_quota_bytes} (integer, default 0 = unlimited): the quota of an account
 *       whose {@code quota_bytes} is NULL.</li>
 *   <li>{@code default_quota_messages} (integer, default 0 = unlimited): likewise for messages.</li>
 *   <li>{@code read_connections} (integer, default 4): SQLite read connections.</li>
 *   <li>{@code max_message_size} (integer bytes, default 0 = unlimited): appends above this are
 *       refused with {@link StoreException.BadMessage}.</li>
 *   <li>{@code event_queue} (integer, default 1000): per-subscriber change bus queue.</li>
 *   <li>{@code min_free_space} (integer bytes, default "100M"; 0 = no reserve): new mail is
 *       refused early (SMTP MAIL, IMAP APPEND) while the data directory's file system has
 *       less free space than this; see {@link MailStore#requireSpace}.</li>
 * </ul>
 */
public record StoreSettings(Duration tombstoneHorizon, Duration blobGcGrace, Duration gcInterval,
                            long defaultQuotaBytes, long defaultQuotaMessages, int readConnections,
                            long maxMessageSize, int eventQueue, long minFreeSpace) {

    public StoreSettings {
        if (tombstoneHorizon.isNegative() || blobGcGrace.isNegative() || gcInterval.isNegative())
            throw new IllegalArgumentException("negative duration");
        if (defaultQuotaBytes < 0 || defaultQuotaMessages < 0 || maxMessageSize < 0 || minFreeSpace < 0)
            throw new IllegalArgumentException("negative limit");
        if (readConnections < 1 || eventQueue < 1) throw new IllegalArgumentException("read_connections/event_queue < 1");
    }

    public static StoreSettings defaults() {
        return new StoreSettings(Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(1), 0, 0, 4, 0, 1000, DEFAULT_MIN_FREE_SPACE);
    }

    /** The default of {@code min_free_space}: 100 MiB. */
    public static final long DEFAULT_MIN_FREE_SPACE = 100L << 20;

    public StoreSettings withMinFreeSpace(long bytes) {
        return new StoreSettings(tombstoneHorizon, blobGcGrace, gcInterval, defaultQuotaBytes, defaultQuotaMessages, readConnections, maxMessageSize, eventQueue, bytes);
    }

    public StoreSettings withDefaultQuota(long bytes, long messages) {
        return new StoreSettings(tombstoneHorizon, blobGcGrace, gcInterval, bytes, messages, readConnections, maxMessageSize, eventQueue, minFreeSpace);
    }

    public StoreSettings withGcInterval(Duration interval) {
        return new StoreSettings(tombstoneHorizon, blobGcGrace, interval, defaultQuotaBytes, defaultQuotaMessages, readConnections, maxMessageSize, eventQueue, minFreeSpace);
    }

    public StoreSettings withHorizons(Duration tombstones, Duration blobGrace) {
        return new StoreSettings(tombstones, blobGrace, gcInterval, defaultQuotaBytes, defaultQuotaMessages, readConnections, maxMessageSize, eventQueue, minFreeSpace);
    }
}
