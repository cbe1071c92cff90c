package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveCommand;
import dev.surel.protocol.managesieve.ManageSieveResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** RFC 5804 §2.9 GETSCRIPT: the script as a literal {@code {N}CRLF octets CRLF}, then OK; unknown: NO (NONEXISTENT). */
final class GetScriptCmd {
    private GetScriptCmd() {
    }

    static void run(ManageSieveSession s, ManageSieveCommand.GetScript c) throws IOException {
        byte[] content = s.ctx.scripts().get(s.user.accountId(), c.name()).getBytes(StandardCharsets.UTF_8);
        s.reply(ManageSieveResponse.literalHeader(content.length));
        s.reply(content);
        s.reply(new byte[] {'\r', '\n'});
        s.reply(ManageSieveResponse.ok("Getscript completed"));
    }
}
