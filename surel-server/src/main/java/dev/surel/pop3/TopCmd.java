package dev.surel.pop3;

import dev.surel.maildrop.Maildrop;
import dev.surel.protocol.pop3.Pop3Command;
import java.io.IOException;

/**
 * RFC 1939 §7 TOP msg n: the header, the blank line and n body lines ({@code TOP n 0}: the
 * header). Never marks {@code \Seen}. A TOP that sent the whole message (fetchmail --keep
 * downloads with {@code TOP n 99999999} precisely so as not to set \Seen) records the first
 * download, which the keep:N policy counts from.
 */
final class TopCmd {
    private TopCmd() {
    }

    static void run(Pop3Session s, Pop3Command.Top c) throws IOException {
        Maildrop.Entry e = s.message(c.message());
        if (e != null && MessageSender.send(s, e, c.lines()) == MessageSender.Sent.WHOLE) s.maildrop.downloadedWhole(c.message());
    }
}
