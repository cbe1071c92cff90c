-- Surel schema, version 1. One script for every backend: ${id} and ${bytes} are the only
-- dialect differences (see dev.surel.store.sql.Dialect). Times are epoch milliseconds (UTC).
-- Names of domains, local parts and aliases are stored lower-case (case-insensitive lookup).

-- Counters that must never go backwards (UIDVALIDITY allocation).
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('uidvalidity', 0);

-- ---------------------------------------------------------------- accounts
CREATE TABLE domains (
    id          ${id},
    name        TEXT NOT NULL UNIQUE,        -- lower-case, ASCII (A-labels)
    catch_all   TEXT,                        -- address receiving mail for unknown local parts, or NULL
    created_at  BIGINT NOT NULL
);

CREATE TABLE accounts (
    id              ${id},
    domain_id       BIGINT NOT NULL REFERENCES domains (id),
    local_part      TEXT NOT NULL,           -- lower-case
    password_hash   TEXT NOT NULL,           -- PHC string (argon2id)
    scram_sha256    TEXT NOT NULL,           -- iterations:salt:storedKey:serverKey (base64), RFC 5802 / RFC 7677
    quota_bytes     BIGINT,                  -- NULL: the configured default; 0: unlimited
    quota_messages  BIGINT,                  -- NULL: the configured default; 0: unlimited
    used_bytes      BIGINT NOT NULL DEFAULT 0,
    used_messages   BIGINT NOT NULL DEFAULT 0,
    highest_modseq  BIGINT NOT NULL DEFAULT 0, -- the account's one MODSEQ counter
    created_at      BIGINT NOT NULL,
    UNIQUE (domain_id, local_part)
);

CREATE TABLE aliases (
    domain_id   BIGINT NOT NULL REFERENCES domains (id),
    local_part  TEXT NOT NULL,               -- lower-case
    target      TEXT NOT NULL,               -- an address (local user, another alias; external later)
    PRIMARY KEY (domain_id, local_part, target)
);

-- ---------------------------------------------------------------- mail store
-- Invariants (dev.surel.store.MailStore): uidnext only grows; UIDVALIDITY comes from
-- counters('uidvalidity') and only grows; message_count/unseen_count/deleted_count/total_size
-- count live rows (expunged_at IS NULL) and change in the same transaction as those rows.
CREATE TABLE mailboxes (
    id               ${id},
    account_id       BIGINT NOT NULL REFERENCES accounts (id),
    name             TEXT NOT NULL,          -- full path, '/' delimited; 'INBOX' for the inbox
    special_use      TEXT,                   -- RFC 6154 attribute, e.g. '\Sent', or NULL
    uidvalidity      BIGINT NOT NULL,
    uidnext          BIGINT NOT NULL DEFAULT 1,
    highest_modseq   BIGINT NOT NULL DEFAULT 0,
    purged_modseq    BIGINT NOT NULL DEFAULT 0, -- highest MODSEQ of tombstones purged so far
    message_count    BIGINT NOT NULL DEFAULT 0,
    unseen_count     BIGINT NOT NULL DEFAULT 0,
    deleted_count    BIGINT NOT NULL DEFAULT 0, -- live messages with \Deleted
    total_size       BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE subscriptions (
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    name        TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
);

-- Message bytes live in immutable blob files named by their SHA-256; this table knows them.
-- A blob no message row references gets orphaned_at set by the garbage collector and is
-- deleted (row and file) once orphaned longer than the grace; a new reference clears it.
CREATE TABLE blobs (
    hash        TEXT PRIMARY KEY,            -- hex SHA-256 of the stored (CRLF) bytes
    size        BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    orphaned_at BIGINT,                      -- NULL: referenced when last looked at
    structure   ${bytes}                     -- MIME structure (StructureCodec), computed at append; NULL: not yet
);

CREATE TABLE messages (
    mailbox_id       BIGINT NOT NULL REFERENCES mailboxes (id),
    uid              BIGINT NOT NULL,
    modseq           BIGINT NOT NULL,        -- last change; for a tombstone, the expunge
    blob_hash        TEXT NOT NULL REFERENCES blobs (hash),
    size             BIGINT NOT NULL,
    internal_date    BIGINT NOT NULL,        -- epoch ms
    internal_offset  INTEGER NOT NULL,       -- the date's original UTC offset, seconds
    flags            INTEGER NOT NULL DEFAULT 0, -- bit set of system flags (dev.surel.store.Flag)
    keywords         TEXT NOT NULL DEFAULT '', -- space-separated, sorted case-insensitively
    expunged_at      BIGINT,                 -- NULL while live; set: a tombstone
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX messages_by_modseq ON messages (mailbox_id, modseq);
CREATE INDEX messages_by_blob ON messages (blob_hash);
CREATE INDEX messages_tombstones ON messages (expunged_at) WHERE expunged_at IS NOT NULL;
