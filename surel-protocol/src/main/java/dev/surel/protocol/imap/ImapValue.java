package dev.surel.protocol.imap;

import java.util.List;

/**
 * A value in an IMAP response (RFC 9051 §4): what FETCH items such as ENVELOPE and
 * BODYSTRUCTURE are built from. The response writer decides the wire form: an {@link Str} goes
 * out as a quoted string when it is short 7-bit text without CR, LF, NUL, and otherwise as a
 * literal, so 8-bit or control bytes never appear raw in a quoted string.
 */
public sealed interface ImapValue {

    record Nil() implements ImapValue { }

    record Num(long value) implements ImapValue { }

    /** An atom written as is (e.g. a flag); the caller guarantees atom syntax. */
    record Atom(String text) implements ImapValue { }

    /** A string (quoted or literal, the writer's choice). */
    record Str(byte[] bytes) implements ImapValue { }

    record ListOf(List<ImapValue> items) implements ImapValue {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    Nil NIL = new Nil();
}
