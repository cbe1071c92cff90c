package dev.surel.cli;

import dev.surel.admin.AdminException;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a new password: at a terminal, a prompt without echo (asked twice; two different
 * answers are EX_DATAERR, 65); otherwise the first line of standard input. Never from the
 * command line, where other users could see it.
 */
final class Passwords {

    static final int MAX = 1024;

    private Passwords() {
    }

    static char[] read(CliContext ctx) {
        if (ctx.console() != null) return prompt(ctx.console());
        return firstLine(ctx.in());
    }

    static char[] prompt(Console console) {
        char[] a = console.readPassword("New password: ");
        char[] b = console.readPassword("Repeat it: ");
        if (a == null || b == null) throw new AdminException(AdminException.USAGE, "no password given");
        boolean same = Arrays.equals(a, b);
        Arrays.fill(b, '\0');
        if (!same) {
            Arrays.fill(a, '\0');
            throw new AdminException(AdminException.DATAERR, "the two passwords differ; nothing changed");
        }
        return check(a);
    }

    static char[] firstLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (line.size() > MAX) throw new AdminException(AdminException.USAGE, "password longer than " + MAX + " bytes");
                line.write(c);
            }
        } catch (IOException e) {
            throw new AdminException(AdminException.USAGE, "cannot read the password: " + e.getMessage());
        }
        String s = line.toString(StandardCharsets.UTF_8);
        if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
        return check(s.toCharArray());
    }

    private static char[] check(char[] p) {
        if (p.length == 0) throw new AdminException(AdminException.USAGE,
                "empty password (give it on standard input, e.g. printf '%s\\n' \"$PW\" | surel user add ...)");
        return p;
    }
}
