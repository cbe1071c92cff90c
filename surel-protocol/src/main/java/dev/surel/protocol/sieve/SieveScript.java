package dev.surel.protocol.sieve;

import java.util.List;
import java.util.Set;

/**
 * A compiled script: its top-level commands after validation ({@link SieveCompiler}) and the
 * capabilities it requires (RFC 5228 §3.2). Immutable; safe to run many times and from many threads.
 */
public record SieveScript(List<Call> commands, Set<String> requires) {

    public SieveScript {
        commands = List.copyOf(commands);
        requires = Set.copyOf(requires);
    }
}
