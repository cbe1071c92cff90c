/**
 * ManageSieve codec (RFC 5804), pure (no I/O, no store): {@link dev.surel.protocol.managesieve.ManageSieveParser}
 * turns one command (its lines and the literals between them, {@link dev.surel.protocol.managesieve.CommandText})
 * into a typed {@link dev.surel.protocol.managesieve.ManageSieveCommand} following the grammar of RFC 5804 §4
 * (atoms, quoted strings, literals {@code {N+}} and {@code {N}}, numbers), with limits;
 * {@link dev.surel.protocol.managesieve.ManageSieveResponse} writes OK/NO/BYE lines with their response
 * codes (§1.3), capability lines (§1.7) and strings (quoted or as a literal); {@link dev.surel.protocol.managesieve.ScriptName}
 * checks script names (§1.6).
 */
package dev.surel.protocol.managesieve;
