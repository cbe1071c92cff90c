package dev.surel.protocol.managesieve;

/** What {@link ManageSieveParser#parse} made of a command: the command, or why it is not one (answered with NO). */
public sealed interface ManageSieveParse {

    record Ok(ManageSieveCommand command) implements ManageSieveParse { }

    record Invalid(String message) implements ManageSieveParse { }
}
