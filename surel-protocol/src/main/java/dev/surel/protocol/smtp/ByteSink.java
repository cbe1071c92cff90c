package dev.surel.protocol.smtp;

/** Where a content state machine puts the octets it lets through (the caller's spool). */
@FunctionalInterface
public interface ByteSink {
    void write(byte[] b, int off, int len);
}
