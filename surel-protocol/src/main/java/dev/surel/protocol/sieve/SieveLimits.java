package dev.surel.protocol.sieve;

/**
 * Limits on everything a script's author controls. Past a compile-time limit the script is
 * refused with a {@link SieveException}; past a run-time limit it stops and the caller keeps the
 * message (RFC 5228 §2.10.6: an error falls back to implicit keep).
 *
 * @param maxScriptChars script size in characters
 * @param maxNesting depth of blocks and tests inside tests
 * @param maxStringChars one string (quoted or {@code text:}) in characters
 * @param maxListItems strings in one string list, tests in one test list, arguments of one command
 * @param maxCommands commands and tests in one script
 * @param maxSteps run time: commands, tests and comparisons evaluated in one run
 * @param maxActions run time: actions a run may produce
 * @param maxRedirects run time: redirect actions a run may produce
 * @param maxVariableChars run time: one variable's value (longer values are truncated, RFC 5229 §6)
 * @param maxVariables run time: distinct variables
 * @param maxIncludeDepth run time: nested {@code include}s (RFC 6609 §3.2)
 * @param maxIncludes run time: scripts one run may include
 */
public record SieveLimits(int maxScriptChars, int maxNesting, int maxStringChars, int maxListItems,
        int maxCommands, long maxSteps, int maxActions, int maxRedirects, int maxVariableChars,
        int maxVariables, int maxIncludeDepth, int maxIncludes) {

    /** The defaults: roomy for what people write, small enough that nothing blows up. */
    public static final SieveLimits DEFAULT = new SieveLimits(1 << 20, 32, 65_536, 1024, 10_000,
            1_000_000, 64, 4, 4096, 256, 8, 32);

    public SieveLimits {
        if (maxScriptChars < 1 || maxNesting < 1 || maxStringChars < 1 || maxListItems < 1
                || maxCommands < 1 || maxSteps < 1 || maxActions < 1 || maxRedirects < 0
                || maxVariableChars < 1 || maxVariables < 1 || maxIncludeDepth < 0 || maxIncludes < 0) {
            throw new IllegalArgumentException("Sieve limits must be positive");
        }
    }
}
