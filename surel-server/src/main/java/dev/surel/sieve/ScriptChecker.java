package dev.surel.sieve;

import java.util.List;

/**
 * Checks a Sieve script before it is stored (RFC 5804 §2.6 PUTSCRIPT, §2.12 CHECKSCRIPT): the one
 * place the Sieve language plugs into script management: {@link CompilingScriptChecker}, made in
 * {@code server.Services}.
 */
public interface ScriptChecker {

    /** The Sieve extensions scripts may require (RFC 5804 §1.7 SIEVE capability), e.g. "fileinto vacation". */
    List<String> extensions();

    /** The most redirects one script may do (§1.7 MAXREDIRECTS); 0: the capability is not sent. */
    default int maxRedirects() {
        return 0;
    }

    /** Returns when {@code source} is a valid script; else throws with the line at fault. */
    void check(String source) throws ScriptError;
}
