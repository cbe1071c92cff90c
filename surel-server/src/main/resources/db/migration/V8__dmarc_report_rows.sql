-- DMARC aggregate reports (RFC 7489 §7.2): per UTC day and policy domain, one row per source
-- address and outcome with the number of messages. dev.surel.reports.DmarcResults adds to it as
-- mail arrives on port 25; the daily report job sends a finished day to the domain's rua and
-- deletes it. published: the policy as applied (adkim, aspf, p, sp, pct); auth_results: one line
-- per raw result ("dkim <domain> <selector> <result>", "spf <domain> <scope> <result>").
CREATE TABLE dmarc_report_rows (
    day TEXT NOT NULL,
    policy_domain TEXT NOT NULL,
    published TEXT NOT NULL,
    source_ip TEXT NOT NULL,
    header_from TEXT NOT NULL,
    envelope_from TEXT NOT NULL,
    disposition TEXT NOT NULL,
    dkim TEXT NOT NULL,
    spf TEXT NOT NULL,
    auth_results TEXT NOT NULL,
    messages BIGINT NOT NULL,
    PRIMARY KEY (day, policy_domain, published, source_ip, header_from, envelope_from, disposition, dkim, spf, auth_results)
);
