-- What Sieve at local delivery remembers between deliveries (dev.surel.sieve.SieveMemory):
-- the vacation replies sent (RFC 5230 §4.2: one reply per sender and handle per period) and the
-- ids the duplicate test recorded (RFC 7352 §3). Rows expire (expires_at, epoch ms) and are
-- removed by later deliveries to the same account; removing the user removes them.
CREATE TABLE sieve_vacation_replies (
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    handle      TEXT NOT NULL,
    sender      TEXT NOT NULL,               -- the envelope sender replied to, lower case
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, handle, sender)
);
CREATE TABLE sieve_duplicates (
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    handle      TEXT NOT NULL,
    id_hash     TEXT NOT NULL,               -- SHA-256 of the tested value (a Message-ID by default), hex
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, handle, id_hash)
);
