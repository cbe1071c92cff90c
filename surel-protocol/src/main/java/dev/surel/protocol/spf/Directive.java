package dev.surel.protocol.spf;

/** A qualifier and a mechanism (RFC 7208 §4.6.1, §4.6.2). */
public record Directive(Qualifier qualifier, Mechanism mechanism) { }
