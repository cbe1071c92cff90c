-- Greylisting (RFC 6647; docs/filtering.md, [greylist]): dev.surel.filter.Greylist reads and
-- writes these. One row per triplet (client network, normalized envelope sender, recipient: see
-- dev.surel.protocol.filter.GreylistTriplet); times are epoch ms; passed_at is null while the
-- triplet is still greylisted. greylist_clients counts, per client network, the triplets that
-- passed (the auto-whitelist). Rows past their use are deleted by the opportunistic purge
-- (unpassed: retry_window after first_seen; passed and clients: expiry after last_seen), which
-- the last_seen / first_seen indexes serve. Independent of any other table.
CREATE TABLE greylist_triplets (
    network     TEXT NOT NULL,
    sender      TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    first_seen  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    passed_at   BIGINT,
    PRIMARY KEY (network, sender, recipient)
);
CREATE INDEX greylist_triplets_first_seen ON greylist_triplets (first_seen) WHERE passed_at IS NULL;
CREATE INDEX greylist_triplets_last_seen ON greylist_triplets (last_seen) WHERE passed_at IS NOT NULL;

CREATE TABLE greylist_clients (
    network     TEXT PRIMARY KEY,
    passes      INTEGER NOT NULL,
    last_seen   BIGINT NOT NULL
);
CREATE INDEX greylist_clients_last_seen ON greylist_clients (last_seen);
