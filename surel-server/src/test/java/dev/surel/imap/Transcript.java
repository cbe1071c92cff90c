package dev.surel.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Scripted IMAP conversations: {@code C:} lines are sent as written (plus CRLF); {@code S:}
 * lines are regular expressions each server line must match in full (a literal's octets are
 * part of its line, see {@link ImapClient#line()}). A {@code C:} line ending in {@code {*}}
 * sends the following {@code M:} lines as one literal (CRLF-joined) of the right size after
 * the server's continuation. {@code #} lines are comments.
 */
final class Transcript {
    private Transcript() { }

    static void run(ImapClient c, String script) throws IOException {
        List<String> lines = script.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (l.startsWith("C:")) {
                String text = l.length() > 3 ? l.substring(3) : "";
                if (text.endsWith("{*}")) {
                    List<String> msg = new ArrayList<>();
                    while (i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("M:")) {
                        String m = lines.get(++i).strip();
                        msg.add(m.length() > 3 ? m.substring(3) : "");
                    }
                    byte[] body = (String.join("\r\n", msg) + "\r\n").getBytes(StandardCharsets.UTF_8);
                    c.send(text.substring(0, text.length() - 3) + "{" + body.length + "}\r\n");
                    String cont = c.line();
                    assertThat(cont).as("continuation after line " + (i + 1)).startsWith("+");
                    c.sendBytes(body);
                } else {
                    c.send(text + "\r\n");
                }
            } else if (l.startsWith("S:")) {
                String regex = l.substring(3);
                String got = c.line();
                assertThat(got).as("line " + (i + 1) + " of the transcript: " + regex).isNotNull();
                assertThat(Pattern.compile(regex, Pattern.DOTALL).matcher(got).matches())
                        .as("line %d: server said%n  %s%nexpected%n  %s", i + 1, got, regex).isTrue();
            } else {
                throw new IllegalArgumentException("transcript line " + (i + 1) + ": " + l);
            }
        }
    }
}
