-- REQUIRETLS (RFC 8689): the sender required that the message travel only over TLS with an
-- authenticated server at every hop (MAIL FROM ... REQUIRETLS); kept with the queued message.
ALTER TABLE queue_messages ADD COLUMN require_tls INTEGER NOT NULL DEFAULT 0;
