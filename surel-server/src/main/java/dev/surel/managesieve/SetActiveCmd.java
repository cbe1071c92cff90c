package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import java.io.IOException;

/** RFC 5804 §2.8 SETACTIVE: the named script becomes the one active script; the empty name deactivates; unknown: NO (NONEXISTENT). */
final class SetActiveCmd {
    private SetActiveCmd() {
    }

    static void run(ManageSieveSession s, ManageSieveCommand.SetActive c) throws IOException {
        s.ctx.scripts().setActive(s.user.accountId(), c.name());
        s.reply(ManageSieveResponse.ok(c.name().isEmpty() ? "No script is active" : "Script activated"));
    }
}
