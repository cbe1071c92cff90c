package dev.surel.delivery;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Authenticated TLS for outbound delivery ({@code [queue]}): MTA-STS (RFC 8461) and DANE (RFC 7672).
 *
 * @param mtaSts       honour the MTA-STS policies of recipient domains
 * @param dane         honour DNSSEC-validated TLSA records of MX hosts (the {@code [dns]} resolver must validate)
 * @param caFile       PEM file of the certificate authorities trusted for MTA-STS (MX certificates and
 *                     the policy's HTTPS host); null: the JDK's default trust store
 * @param fetchTimeout the whole fetch of one MTA-STS policy over HTTPS (RFC 8461 §3.3)
 */
public record OutboundTlsSettings(boolean mtaSts, boolean dane, Path caFile, Duration fetchTimeout) {

    public static final OutboundTlsSettings DEFAULTS = new OutboundTlsSettings(true, true, null, Duration.ofSeconds(60));
}
