package dev.surel.protocol.spf;

/**
 * The outcome of {@code check_host()} (RFC 7208 §4).
 *
 * @param result      the result (§2.6)
 * @param explanation the expanded {@code exp=} text (§6.2), only on {@code fail} and only when there
 *                    was one and it could be fetched and expanded; else null
 * @param reason      why: the mechanism that matched, or the error (for logs and Received-SPF comments)
 */
public record SpfVerdict(SpfResult result, String explanation, String reason) { }
