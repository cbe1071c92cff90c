-- Secrets the server makes once and keeps with the data (so a backup carries them): the SRS
-- key (dev.surel.mailauth.SrsSecret) that signs rewritten envelope senders of forwarded mail.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
