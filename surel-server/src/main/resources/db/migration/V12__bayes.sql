-- What each user's Bayesian spam classifier learned (docs/filtering.md, "Bayes"): written by
-- dev.surel.filter.BayesStore when the user moves mail into or out of Junk over IMAP, read at
-- local delivery. bayes_tokens: in how many trained spam and ham messages a token appeared
-- (each message counts a token once), and when it was last trained (epoch ms, for pruning);
-- bayes_totals: how many messages were trained as spam and as ham. Removing the user removes both.
CREATE TABLE bayes_tokens (
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token       TEXT NOT NULL,
    spam        BIGINT NOT NULL DEFAULT 0,
    ham         BIGINT NOT NULL DEFAULT 0,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, token)
);
CREATE TABLE bayes_totals (
    account_id  BIGINT NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    spam        BIGINT NOT NULL DEFAULT 0,
    ham         BIGINT NOT NULL DEFAULT 0,
    tokens      BIGINT NOT NULL DEFAULT 0    -- rows of the account in bayes_tokens
);
-- The messages trained, by the hash of their stored bytes (a MOVE keeps it): as spam (1) or ham
-- (0). Training a message again the same way changes nothing; the other way first untrains it.
-- At most [filter] bayes_max_tokens rows per account, the oldest pruned first.
CREATE TABLE bayes_messages (
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    blob_hash   TEXT NOT NULL,
    spam        INTEGER NOT NULL,
    trained_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, blob_hash)
);
CREATE INDEX bayes_messages_age ON bayes_messages (account_id, trained_at);
