/**
 * The command line ({@code ./surel}): picocli commands that parse arguments and print results.
 * {@link dev.surel.cli.Main} decides where a command runs: {@code serve} starts a server; the
 * administrative commands go to a running server over the admin channel, or, when none runs,
 * to the data directory opened here under its exclusive lock.
 */
package dev.surel.cli;
