/**
 * JMH benchmarks of the foundation's hot paths (durable append, login verification, MIME
 * parsing). Run with {@code ./bench}; never part of the test suite; figures go to
 * {@code docs/benchmarks.md}.
 */
package dev.surel.bench;
