package dev.surel.sieve;

import dev.surel.protocol.sieve.SieveCompiler;
import dev.surel.protocol.sieve.SieveException;
import dev.surel.protocol.sieve.SieveLimits;
import java.util.List;

/**
 * The check of a script before it is stored: Surel's Sieve compiler ({@link SieveCompiler}:
 * RFC 5228 syntax, {@code require} and the arguments of every command and test), after a NUL check
 * (RFC 5228 §2.1 scripts are text; RFC 5804 §1.6 strings exclude NUL). UTF-8 validity is checked
 * before, when the octets become text ({@link ScriptSource#decode}). The extensions are the
 * compiler's, so what ManageSieve advertises is what delivery runs.
 */
public final class CompilingScriptChecker implements ScriptChecker {

    @Override
    public List<String> extensions() {
        return SieveCompiler.CAPABILITIES;
    }

    @Override
    public int maxRedirects() {
        return SieveLimits.DEFAULT.maxRedirects();
    }

    @Override
    public void check(String source) throws ScriptError {
        int line = 1;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n') line++;
            if (c == 0) throw new ScriptError(line, "NUL character in the script");
        }
        try {
            SieveCompiler.compile(source);
        } catch (SieveException e) {
            throw new ScriptError(e.line(), e.detail());
        }
    }
}
