-- MTA-STS (RFC 8461 §5.1): the policies of recipient domains, kept across restarts so that an
-- attacker who blocks the _mta-sts record or the policy host after a restart cannot downgrade
-- delivery to those domains to unauthenticated TLS (§10.3). Rows past expires_at are ignored and
-- replaced. dev.surel.mailauth.MtaStsCache reads and writes it; the policy is kept as fetched.
CREATE TABLE mta_sts_policies (
    domain TEXT PRIMARY KEY,
    policy_id TEXT NOT NULL,
    policy TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
