package dev.surel.protocol.mime;

/**
 * One {@code name=value} parameter of Content-Type or Content-Disposition as written: the name as
 * written (for RFC 2231 forms including its {@code *0*} suffix) and the value with quotes and
 * backslash escapes removed, not otherwise decoded. This is what BODYSTRUCTURE carries; for the
 * decoded value see {@link Parameters#get}.
 */
public record MimeParameter(String name, String value) {
}
