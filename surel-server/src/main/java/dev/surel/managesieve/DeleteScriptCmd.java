package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import java.io.IOException;

/** RFC 5804 §2.10 DELETESCRIPT: NO (NONEXISTENT) for an unknown script, NO (ACTIVE) for the active one. */
final class DeleteScriptCmd {
    private DeleteScriptCmd() {
    }

    static void run(ManageSieveSession s, ManageSieveCommand.DeleteScript c) throws IOException {
        s.ctx.scripts().delete(s.user.accountId(), c.name());
        s.reply(ManageSieveResponse.ok("Script deleted"));
    }
}
