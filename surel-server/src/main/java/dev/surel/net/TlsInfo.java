package dev.surel.net;

/**
 * The negotiated TLS parameters of a connection, for logs and {@code Received:} headers
 * (RFC 8314 §4.3). {@code sniHostName} is null when the client sent no SNI.
 */
public record TlsInfo(String protocol, String cipherSuite, String sniHostName) {}
