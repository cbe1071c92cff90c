package dev.surel.managesieve;

import dev.surel.auth.LoginGuard;
import dev.surel.net.CleartextPolicy;
import dev.surel.sieve.ScriptChecker;
import dev.surel.sieve.SieveScripts;

/**
 * What every ManageSieve session of a server shares: its settings and exactly the services a
 * session uses (the scripts, their checker, logins, the clear-text rule) and the host name.
 */
record ManageSieveContext(ManageSieveSettings settings, SieveScripts scripts, ScriptChecker checker, LoginGuard logins,
                          CleartextPolicy cleartext, String hostname) {
}
