package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import java.io.IOException;

/** RFC 5804 §2.11 RENAMESCRIPT: NO (NONEXISTENT), NO (ALREADYEXISTS); an active script stays active under its new name. */
final class RenameScriptCmd {
    private RenameScriptCmd() {
    }

    static void run(ManageSieveSession s, ManageSieveCommand.RenameScript c) throws IOException {
        s.ctx.scripts().rename(s.user.accountId(), c.oldName(), c.newName());
        s.reply(ManageSieveResponse.ok("Script renamed"));
    }
}
