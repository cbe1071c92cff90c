/**
 * The network layer under every protocol: a {@link dev.surel.net.Listener} binds one
 * "host:port", accepts connections, admits them through a shared
 * {@link dev.surel.net.ConnectionLimiter} (total and per remote address) and runs each on its
 * own virtual thread, handing a {@link dev.surel.net.Connection} to the protocol's
 * {@link dev.surel.net.ConnectionHandler}. Modes: plain (the protocol may upgrade with
 * {@link dev.surel.net.Connection#startTls()}, RFC 3207 / RFC 9051 §6.2.1 / RFC 2595) or
 * implicit TLS (RFC 8314 §3.3). The connection reads bounded lines and exact byte counts,
 * turns client silence into a typed {@link dev.surel.net.IdleTimeoutException} read against the
 * injected clock, bounds slow senders with {@link dev.surel.net.Deadline}s that do not restart at
 * each octet (a line, a transfer; {@link dev.surel.net.DeadlineExceededException}), bounds a TLS
 * handshake in real time, and discards input pipelined before a STARTTLS handshake.
 * {@link dev.surel.net.CleartextPolicy} is the single rule deciding whether a
 * password-revealing mechanism may be used on a connection without TLS.
 */
package dev.surel.net;
