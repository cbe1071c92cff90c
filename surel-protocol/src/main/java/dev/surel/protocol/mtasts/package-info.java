/**
 * MTA-STS (RFC 8461), the pure part: the {@code _mta-sts} TXT record and the policy file, and the
 * matching of MX host names against a policy. Fetching and caching are in surel-server's delivery.
 */
package dev.surel.protocol.mtasts;
