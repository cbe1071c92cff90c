/**
 * Surel's own IMAP and POP3 load generator ({@link dev.surel.bench.load.Load}): separate-process
 * workloads for the benchmark kit, which runs the same workload against Surel and Dovecot.
 * Plain blocking sockets, one virtual thread per client, a small IMAP client of its own, a
 * log-linear latency histogram; {@code RESULT} lines on stdout. Benchmark code: it trusts any
 * TLS certificate and is never part of the server.
 */
package dev.surel.bench.load;
