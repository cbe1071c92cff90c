-- IMAP items computed once per message content (issue 16), so FETCH ENVELOPE / BODY /
-- BODYSTRUCTURE of many messages sends stored bytes and SEARCH SUBJECT/FROM/TO/CC/BCC compares
-- stored texts, with no MIME structure decoded per message (dev.surel.store.sql.MessageItems).
-- One row per blob (content-addressed: copies share it), in a table of its own so its rows stay
-- small and dense (blobs.structure is large). Rows are written at append (computed while
-- spooling, outside the write lock); blobs stored before this migration, or with another
-- version, get theirs on first use: no long migration at start.
CREATE TABLE blob_items (
    hash           TEXT PRIMARY KEY REFERENCES blobs (hash) ON DELETE CASCADE,
    version        INTEGER NOT NULL,         -- PreparedFetch.VERSION the row was rendered with
    envelope       ${bytes} NOT NULL,        -- ENVELOPE value as sent (encoded words)
    envelope_utf8  ${bytes},                 -- ENVELOPE for UTF8=ACCEPT sessions; NULL: same as envelope
    body           ${bytes} NOT NULL,        -- BODY value as sent
    bodystructure  ${bytes} NOT NULL,        -- BODYSTRUCTURE value as sent
    search_texts   ${bytes} NOT NULL         -- HeaderSearchTexts.encode()
);
