-- SMTP TLS Reporting (RFC 8460): one row per day, recipient domain, policy, MX host, receiving
-- address and result (result_type '' for a successful session), with the number of sessions.
-- dev.surel.reports.TlsResults adds to it as outbound delivery goes; the daily report job reads a
-- finished day, sends the reports the domains ask for (_smtp._tls TXT) and deletes the day.
CREATE TABLE tls_report_results (
    day TEXT NOT NULL,
    policy_domain TEXT NOT NULL,
    policy_type TEXT NOT NULL,
    policy_string TEXT NOT NULL,
    mx_host TEXT NOT NULL,
    receiving_ip TEXT NOT NULL,
    result_type TEXT NOT NULL,
    sessions BIGINT NOT NULL,
    PRIMARY KEY (day, policy_domain, policy_type, policy_string, mx_host, receiving_ip, result_type)
);
