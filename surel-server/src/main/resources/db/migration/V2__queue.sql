-- Surel schema, version 2: the delivery queue (dev.surel.queue.SqlMailQueue).
-- One row per accepted message, one per recipient. Times are epoch milliseconds (UTC).
--
-- Invariants:
--  * A queued message references its blob (blob_hash): the blob garbage collector treats
--    such a reference like a message row's (dev.surel.store.sql.SqlGarbageCollector), and
--    the accepting transaction clears the blob's orphaned_at mark. The rows and the blob file
--    are committed in one Database.write, before the SMTP 250.
--  * A recipient is 'queued' until its delivery is known: 'delivered' (local append or the
--    peer's 250) or 'failed' (permanent, or expired). reported = 0 on a finished recipient
--    means a DSN is still owed (RFC 3461 NOTIFY); the DSN is queued in the same transaction
--    that sets reported = 1.
--  * A message whose recipients are all finished and reported is deleted with them in the
--    transaction that finished the last one.

CREATE TABLE queue_messages (
    queue_id        TEXT PRIMARY KEY,           -- the id shown in the 250 reply, logs and ./surel queue
    blob_hash       TEXT NOT NULL REFERENCES blobs (hash),
    size            BIGINT NOT NULL,
    reverse_path    TEXT NOT NULL,              -- '' for the null reverse-path <>
    ret             TEXT,                       -- RFC 3461 §4.3: 'FULL', 'HDRS' or NULL
    envid           TEXT,                       -- RFC 3461 §4.4, decoded
    body            TEXT NOT NULL,              -- Envelope.BodyType name
    smtputf8        INTEGER NOT NULL,           -- 1: RFC 6531 SMTPUTF8 was given
    auth_user       TEXT,
    client_address  TEXT,
    received_at     BIGINT NOT NULL
);
CREATE INDEX queue_messages_by_blob ON queue_messages (blob_hash);

CREATE TABLE queue_recipients (
    id               ${id},
    queue_id         TEXT NOT NULL REFERENCES queue_messages (queue_id),
    position         INTEGER NOT NULL,          -- order within the envelope
    address          TEXT NOT NULL,             -- canonical local address or the remote address
    account_id       BIGINT,                    -- local account (no foreign key: the user may be removed meanwhile), NULL: remote
    domain           TEXT,                      -- remote: the address's domain, lower-case A-labels; NULL: local
    rcpt_to          TEXT NOT NULL,
    orcpt            TEXT,                      -- RFC 3461 §4.2, 'rfc822;addr'
    notify           TEXT NOT NULL,             -- RFC 3461 §4.1, comma separated, '' when not given
    state            TEXT NOT NULL,             -- 'queued', 'delivered', 'failed'
    reported         INTEGER NOT NULL DEFAULT 0,
    delay_reported   INTEGER NOT NULL DEFAULT 0, -- 1: the RFC 3461 NOTIFY=DELAY warning was sent
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    last_attempt_at  BIGINT,
    last_status      TEXT,                      -- RFC 3463 enhanced status of the last outcome
    last_reply       TEXT,                      -- the peer's reply or our diagnosis
    remote_host      TEXT
);
CREATE INDEX queue_recipients_due ON queue_recipients (state, next_attempt_at);
CREATE INDEX queue_recipients_by_message ON queue_recipients (queue_id);
