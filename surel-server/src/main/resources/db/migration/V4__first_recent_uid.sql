-- RFC 3501 §2.3.2 \Recent, kept the way Dovecot keeps it: per mailbox the first UID no session
-- has been told about yet. A read-write SELECT by an IMAP4rev1 session sees the messages at or
-- above it as \Recent and moves it to UIDNEXT (dev.surel.imap.RecentTracker). Existing mailboxes
-- start with nothing recent (their messages arrived before this was kept).
ALTER TABLE mailboxes ADD COLUMN first_recent_uid BIGINT NOT NULL DEFAULT 1;
UPDATE mailboxes SET first_recent_uid = uidnext;
