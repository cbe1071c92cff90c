package dev.surel.protocol.sieve;

import java.util.List;

/** The parse tree (RFC 5228 §8.2): commands with arguments, tests and blocks, each with its line. */
public sealed interface Node {

    String name();

    List<Argument> arguments();

    List<Test> tests();

    int line();

    /** {@code identifier arguments (";" / block)}; {@code block} is null when the command ends with ';'. */
    record Command(String name, List<Argument> arguments, List<Test> tests, List<Command> block, int line)
            implements Node {
        public Command {
            arguments = List.copyOf(arguments);
            tests = List.copyOf(tests);
            block = block == null ? null : List.copyOf(block);
        }
    }

    /** {@code identifier arguments}; {@code tests} holds the test or the test list that ends the arguments. */
    record Test(String name, List<Argument> arguments, List<Test> tests, boolean testList, int line)
            implements Node {
        public Test {
            arguments = List.copyOf(arguments);
            tests = List.copyOf(tests);
        }
    }
}
