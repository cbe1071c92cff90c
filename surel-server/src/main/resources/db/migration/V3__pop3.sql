-- POP3 state (dev.surel.pop3): first downloads, hidden messages, leave-on-server policies.
-- No foreign keys to messages, mailboxes, domains or accounts: those rows are removed by code
-- that knows nothing of POP3 (tombstone purge, mailbox and account deletion); ids are never
-- reused (${id} allocates increasing ids), and the POP3 expiry job deletes rows whose live
-- message is gone (dev.surel.pop3.Pop3Expiry).

-- One row per message POP3 has touched: first_download is set in the UPDATE state (QUIT) of
-- the first session that RETRieved it; hidden = 1 when DELE ran under the `hide` policy.
CREATE TABLE pop3_messages (
    mailbox_id      BIGINT NOT NULL,
    uid             BIGINT NOT NULL,
    first_download  BIGINT,                  -- epoch ms; NULL: never downloaded
    hidden          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX pop3_messages_downloaded ON pop3_messages (first_download) WHERE first_download IS NOT NULL;

-- Leave-on-server policy of a domain or a user ('delete', 'hide', 'keep:<days>'); a user's
-- row wins over its domain's, a domain's over [pop3] policy.
CREATE TABLE pop3_policies (
    scope      TEXT NOT NULL,                -- 'domain' (target_id = domains.id) or 'account' (accounts.id)
    target_id  BIGINT NOT NULL,
    policy     TEXT NOT NULL,
    PRIMARY KEY (scope, target_id)
);
