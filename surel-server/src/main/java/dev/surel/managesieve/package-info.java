/**
 * ManageSieve in the server (RFC 5804): a {@link dev.surel.managesieve.ManageSieveSession} per connection on
 * {@code listen.managesieve} (port 4190, STARTTLS), one small handler per command, over the
 * users' scripts ({@code dev.surel.sieve}) and the server's SASL and clear-text rule
 * ({@code dev.surel.auth}). The codec is pure, in {@code dev.surel.protocol.managesieve}.
 *
 * <p>Layer: protocols (docs/adr/0010-layers-and-module-wiring.md); no other protocol imports it.
 */
package dev.surel.managesieve;
