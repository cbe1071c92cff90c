/**
 * The Sieve mail filtering language (RFC 5228) and its extensions, the pure part: the parser
 * ({@link dev.surel.protocol.sieve.SieveParser}, §8), validation
 * ({@link dev.surel.protocol.sieve.SieveCompiler}: require, commands, tests, arguments; the
 * entry point ManageSieve uses) and the interpreter
 * ({@link dev.surel.protocol.sieve.SieveInterpreter}, §2.10) that turns a script, a message
 * ({@link dev.surel.protocol.sieve.SieveMessage}) and the server's answers
 * ({@link dev.surel.protocol.sieve.SieveEnvironment}) into a
 * {@link dev.surel.protocol.sieve.SieveResult}: the actions for the deliverer. No I/O here.
 */
package dev.surel.protocol.sieve;
