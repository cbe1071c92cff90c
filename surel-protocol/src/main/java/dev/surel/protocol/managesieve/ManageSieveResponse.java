package dev.surel.protocol.managesieve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Writes what a ManageSieve server sends (RFC 5804 §4), as octets with their CRLF: the status
 * responses {@code OK / NO / BYE [SP "(" code ")"] [SP string]} (§1.2, §1.3), capability lines
 * (§1.7), SASL challenges and GETSCRIPT's content. Strings are quoted when they can be (at most
 * {@value ManageSieveParser#MAX_QUOTED} octets, no CR, LF or NUL), {@code "} and {@code \} escaped; anything else
 * goes as a literal-s2c {@code {N}CRLF octets}. So no peer-controlled octet can end a line early
 * (no response injection).
 */
public final class ManageSieveResponse {

    private ManageSieveResponse() {
    }

    public static byte[] ok(String text) {
        return status("OK", null, text);
    }

    public static byte[] ok(ResponseCode code, String text) {
        return status("OK", code, text);
    }

    public static byte[] no(String text) {
        return status("NO", null, text);
    }

    public static byte[] no(ResponseCode code, String text) {
        return status("NO", code, text);
    }

    public static byte[] bye(ResponseCode code, String text) {
        return status("BYE", code, text);
    }

    /** {@code OK|NO|BYE [SP "(" code ")"] [SP string] CRLF}; {@code code} and {@code text} may be null. */
    public static byte[] status(String word, ResponseCode code, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, word);
        if (code != null) {
            ascii(out, " (" + code.atom());
            Optional<String> arg = code.argument();
            if (arg.isPresent()) {
                out.write(' ');
                string(out, arg.get().getBytes(StandardCharsets.UTF_8));
            }
            out.write(')');
        }
        if (text != null) {
            out.write(' ');
            string(out, text.getBytes(StandardCharsets.UTF_8));
        }
        crlf(out);
        return out.toByteArray();
    }

    /** One capability line (§1.7): {@code "NAME"} or {@code "NAME" SP "value"}. */
    public static byte[] capability(String name, String valueOrNull) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, name.getBytes(StandardCharsets.UTF_8));
        if (valueOrNull != null) {
            out.write(' ');
            string(out, valueOrNull.getBytes(StandardCharsets.UTF_8));
        }
        crlf(out);
        return out.toByteArray();
    }

    /** A line holding one string and nothing else (a SASL challenge, §2.1; GETSCRIPT's content, §2.9; a LISTSCRIPTS name). */
    public static byte[] stringLine(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, value);
        crlf(out);
        return out.toByteArray();
    }

    /** A LISTSCRIPTS line (§2.7): the name, then {@code SP "ACTIVE"} for the active script. */
    public static byte[] scriptLine(String name, boolean active) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, name.getBytes(StandardCharsets.UTF_8));
        if (active) ascii(out, " ACTIVE");
        crlf(out);
        return out.toByteArray();
    }

    /** A literal's announcement {@code {N}CRLF} (literal-s2c); the caller writes the N octets and what follows. */
    public static byte[] literalHeader(long size) {
        return ("{" + size + "}\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code value} quoted when it can be, else as a literal. */
    static void string(ByteArrayOutputStream out, byte[] value) {
        if (quotable(value)) {
            out.write('"');
            for (byte b : value) {
                if (b == '"' || b == '\\') out.write('\\');
                out.write(b);
            }
            out.write('"');
        } else {
            out.writeBytes(literalHeader(value.length));
            out.writeBytes(value);
        }
    }

    private static boolean quotable(byte[] value) {
        if (value.length > ManageSieveParser.MAX_QUOTED) return false;
        for (byte b : value) {
            if (b == '\r' || b == '\n' || b == 0) return false;
        }
        return true;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void crlf(ByteArrayOutputStream out) {
        out.write('\r');
        out.write('\n');
    }
}
