package dev.surel.sieve;

import java.util.List;

/**
 * The check of a script that needs no Sieve parser: no NUL character (RFC 5228 §2.1 scripts are
 * text; RFC 5804 §1.6 strings exclude NUL). UTF-8 validity is checked before, when the octets
 * become text ({@link ScriptSource#decode}). The Sieve compiler takes its place once merged.
 */
public final class BasicScriptChecker implements ScriptChecker {

    @Override
    public List<String> extensions() {
        return List.of();
    }

    @Override
    public void check(String source) throws ScriptError {
        int line = 1;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n') line++;
            if (c == 0) throw new ScriptError(line, "NUL character in the script");
        }
    }
}
