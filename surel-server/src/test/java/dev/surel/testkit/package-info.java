/**
 * The test kit: one way for every test to get a Surel server and talk to it. {@link
 * dev.surel.testkit.TestSetup} says what the server is (host name, endpoints on loopback port 0,
 * TLS, extra {@code surel.toml} keys per table, clock, domains, users, aliases, catch-alls);
 * {@link dev.surel.testkit.TestServer} is that server started in-process the way {@code surel
 * serve} starts it (by hand or per test as a JUnit extension), with ports, services and helpers
 * that deliver and read mail through the store; {@link dev.surel.testkit.TestStore} is the same
 * data directory without a server; {@link dev.surel.testkit.LineClient} is the raw line client
 * (plain, STARTTLS or implicit TLS) the protocol tests and their protocol clients use.
 */
package dev.surel.testkit;
