package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import dev.surel.protocol.managesieve.ResponseCode;
import dev.surel.sieve.ScriptError;
import dev.surel.sieve.ScriptSource;
import java.io.IOException;

/** RFC 5804 §2.12 CHECKSCRIPT: the script checked as PUTSCRIPT would, nothing stored; a broken one gets NO "line N: ...". */
final class CheckScriptCmd {
    private CheckScriptCmd() {
    }

    static void run(ManageSieveSession s, ManageSieveCommand.CheckScript c) throws IOException {
        if (c.script().length > s.ctx.scripts().settings().maxScriptSize()) {
            s.reply(ManageSieveResponse.no(ResponseCode.QUOTA_MAXSIZE,
                    "a script may have at most " + s.ctx.scripts().settings().maxScriptSize() + " octets"));
            return;
        }
        try {
            s.ctx.checker().check(ScriptSource.decode(c.script()));
        } catch (ScriptError e) {
            s.reply(ManageSieveResponse.no(e.getMessage()));
            return;
        }
        s.reply(ManageSieveResponse.ok("Script is valid"));
    }
}
