package dev.surel.protocol.managesieve;

import java.util.List;

/**
 * One command as read from the wire: its lines (without CRLF) and the literal contents between
 * them. Every line but the last ends with a literal announcement ({@code {N+}} or {@code {N}}),
 * and {@code literals.get(i)} follows {@code lines.get(i)}; so there is one line more than
 * literals. A SASL response (RFC 5804 §2.1) has the same shape.
 */
public record CommandText(List<byte[]> lines, List<byte[]> literals) {
    public CommandText {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.size() != literals.size() + 1) throw new IllegalArgumentException("one line more than literals expected");
    }

    /** A command of one line, without literals. */
    public static CommandText line(byte[] line) {
        return new CommandText(List.of(line), List.of());
    }
}
