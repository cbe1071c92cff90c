package dev.surel.protocol.pop3;

/** What {@link Pop3Parser#parse} made of one line: a command, or the reason it is not one. */
public sealed interface Pop3Parse {

    record Ok(Pop3Command command) implements Pop3Parse { }

    record Invalid(Pop3SyntaxError error) implements Pop3Parse { }
}
