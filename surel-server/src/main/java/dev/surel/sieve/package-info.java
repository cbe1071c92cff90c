/**
 * Sieve scripts of the users (RFC 5228): their storage ({@link dev.surel.sieve.SieveScripts}, table
 * {@code sieve_scripts}) with the limits of {@code [sieve]} ({@link dev.surel.sieve.SieveSettings}), and
 * the check a script passes before it is stored ({@link dev.surel.sieve.ScriptChecker}: the Sieve
 * compiler of {@code dev.surel.protocol.sieve}, {@link dev.surel.sieve.CompilingScriptChecker}).
 * ManageSieve (RFC 5804, {@code dev.surel.managesieve}) and {@code surel sieve} use it.
 *
 * <p>Layer: domain (docs/adr/0010-layers-and-module-wiring.md), below the protocols, above the store.
 */
package dev.surel.sieve;
