-- Sieve scripts of each user (RFC 5228), managed over ManageSieve (RFC 5804) and `surel sieve`;
-- dev.surel.sieve.SieveScripts reads and writes it. Names are compared octet by octet (RFC 5804
-- §1.6); content is the script's UTF-8 text, size its length in octets. At most one script of
-- an account is active (the partial unique index); removing the user removes its scripts.
CREATE TABLE sieve_scripts (
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    content     TEXT NOT NULL,
    size        BIGINT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 0,
    updated_at  BIGINT NOT NULL,             -- epoch ms of the last PUTSCRIPT or rename
    PRIMARY KEY (account_id, name)
);
CREATE UNIQUE INDEX sieve_scripts_one_active ON sieve_scripts (account_id) WHERE active = 1;
