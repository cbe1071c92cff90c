package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveResponse;
import dev.surel.sieve.SieveScript;
import java.io.IOException;

/** RFC 5804 §2.7 LISTSCRIPTS: one line per script, the active one marked ACTIVE, then OK. */
final class ListScriptsCmd {
    private ListScriptsCmd() {
    }

    static void run(ManageSieveSession s) throws IOException {
        for (SieveScript sc : s.ctx.scripts().list(s.user.accountId())) {
            s.reply(ManageSieveResponse.scriptLine(sc.name(), sc.active()));
        }
        s.reply(ManageSieveResponse.ok("Listscripts completed"));
    }
}
