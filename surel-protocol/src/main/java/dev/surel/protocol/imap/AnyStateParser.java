package dev.surel.protocol.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of the commands valid in any state and of those that authenticate (RFC 9051
 * §6.1, §6.2): ID (RFC 2971), AUTHENTICATE with SASL-IR (RFC 4959), LOGIN and ENABLE
 * (RFC 5161). CAPABILITY, NOOP, LOGOUT and STARTTLS take no arguments: {@link ImapParser} makes
 * them directly.
 */
final class AnyStateParser {

    private AnyStateParser() { }

    /** {@code id = "ID" SP id-params-list}; at most 30 fields (RFC 2971 §3.3). */
    static ImapCommand id(CommandCursor c) {
        c.sp();
        if (c.tryWord("NIL")) return new ImapCommand.Id(null);
        c.expect('(');
        Map<String, String> fields = new LinkedHashMap<>();
        if (!c.tryChar(')')) {
            do {
                String k = c.string();
                c.sp();
                String v = c.nstring();
                if (fields.size() >= 30) throw new SyntaxException("too many ID fields");
                fields.put(k, v);
            } while (c.trySp());
            c.expect(')');
        }
        return new ImapCommand.Id(fields);
    }

    /** {@code authenticate = "AUTHENTICATE" SP auth-type [SP initial-resp]} (RFC 9051 §6.2.2, RFC 4959). */
    static ImapCommand authenticate(CommandCursor c) {
        c.sp();
        String mech = c.atom().toUpperCase(Locale.ROOT);
        String ir = null;
        if (c.trySp()) {
            ir = c.rest();
            if (!ir.equals("=") && !ir.matches("[A-Za-z0-9+/]*={0,2}")) throw new SyntaxException("initial response is not base64");
        }
        return new ImapCommand.Authenticate(mech, ir);
    }

    /** {@code login = "LOGIN" SP userid SP password} (RFC 9051 §6.2.3). */
    static ImapCommand login(CommandCursor c) {
        c.sp();
        String user = c.astring();
        c.sp();
        return new ImapCommand.Login(user, c.astring());
    }

    /** {@code enable = "ENABLE" 1*(SP capability)} (RFC 5161 §3.1). */
    static ImapCommand enable(CommandCursor c) {
        List<String> caps = new ArrayList<>();
        do {
            c.sp();
            caps.add(c.atom().toUpperCase(Locale.ROOT));
        } while (!c.atEnd());
        return new ImapCommand.Enable(caps);
    }
}
