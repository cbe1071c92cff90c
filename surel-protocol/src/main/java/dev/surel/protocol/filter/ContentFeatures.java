package dev.surel.protocol.filter;

/**
 * What the {@link ContentScanner} saw of one message, for the {@link HeaderRules}.
 *
 * @param hasDate      a {@code Date:} field is present (RFC 5322 §3.6: required)
 * @param hasMessageId a {@code Message-ID:} field is present (RFC 5322 §3.6.4: should be)
 * @param from         the first {@code From:} field's value, unfolded (cut to a few KiB), or null
 * @param subject      the first {@code Subject:} field's value, unfolded and with encoded words decoded, or null
 * @param gtube        the GTUBE string was seen in the first part of the body
 */
public record ContentFeatures(boolean hasDate, boolean hasMessageId, String from, String subject, boolean gtube) {
}
