package dev.surel.pop3;

import dev.surel.protocol.pop3.Pop3Command;
import java.io.IOException;

/** RFC 1939 §7 TOP msg n: the header, the blank line and n body lines; marks nothing ({@code TOP n 0}: header only). */
final class TopCmd {
    private TopCmd() {
    }

    static void run(Pop3Session s, Pop3Command.Top c) throws IOException {
        Maildrop.Entry e = s.message(c.message());
        if (e != null) MessageSender.send(s, e, c.lines());
    }
}
