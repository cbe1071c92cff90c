package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import java.io.IOException;

/** RFC 5804 §2.5 HAVESPACE: OK when the script would fit now; else NO (QUOTA/MAXSIZE) or NO (QUOTA/MAXSCRIPTS). */
final class HaveSpaceCmd {
    private HaveSpaceCmd() {
    }

    static void run(ManageSieveSession s, ManageSieveCommand.HaveSpace c) throws IOException {
        s.ctx.scripts().checkSpace(s.user.accountId(), c.name(), c.size());
        s.reply(ManageSieveResponse.ok("Putscript would succeed"));
    }
}
