package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import dev.surel.protocol.managesieve.ResponseCode;
import dev.surel.protocol.managesieve.ScriptName;
import dev.surel.sieve.ScriptError;
import dev.surel.sieve.ScriptSource;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5804 §2.6 PUTSCRIPT: name (§1.6) and size checked, the script decoded (UTF-8) and checked
 * (a broken one gets NO "line N: ..." and is not stored), then stored, replacing a script of the
 * same name (which stays active if it was).
 */
final class PutScriptCmd {
    private static final Logger log = LoggerFactory.getLogger(PutScriptCmd.class);

    private PutScriptCmd() {
    }

    static void run(ManageSieveSession s, ManageSieveCommand.PutScript c) throws IOException {
        Optional<String> badName = ScriptName.problem(c.name());
        if (badName.isPresent()) {
            s.reply(ManageSieveResponse.no(badName.get()));
            return;
        }
        if (c.script().length > s.ctx.scripts().settings().maxScriptSize()) {
            s.reply(ManageSieveResponse.no(ResponseCode.QUOTA_MAXSIZE,
                    "a script may have at most " + s.ctx.scripts().settings().maxScriptSize() + " octets"));
            return;
        }
        String source;
        try {
            source = ScriptSource.decode(c.script());
            s.ctx.checker().check(source);
        } catch (ScriptError e) {
            s.reply(ManageSieveResponse.no(e.getMessage()));
            return;
        }
        boolean created = s.ctx.scripts().put(s.user.accountId(), c.name(), source);
        log.info("{}: ManageSieve {} {} script ({} octets)", s.conn.id(), s.user.address(), created ? "stored a new" : "replaced a",
                c.script().length);
        s.reply(ManageSieveResponse.ok("Script stored"));
    }
}
