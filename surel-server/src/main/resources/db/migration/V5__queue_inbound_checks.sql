-- Surel schema, version 5: the outcome of the checks of incoming mail (issue 14, dev.surel.mailauth)
-- travels with the queued message, committed in the same transaction as the message itself, so
-- it survives a kill -9 between the SMTP 250 and the local delivery:
--  * auth_results: the Authentication-Results field (RFC 8601, with its CRLF) that local delivery
--    prepends to the mailbox copy; NULL when the message was not checked (submission, DSNs).
--  * junk: 1 when local delivery goes to the recipient's Junk mailbox (RFC 6154 \Junk) instead of
--    INBOX (DMARC p=quarantine, or a policy set to quarantine).
ALTER TABLE queue_messages ADD COLUMN auth_results TEXT;
ALTER TABLE queue_messages ADD COLUMN junk INTEGER NOT NULL DEFAULT 0;
