package dev.surel.protocol.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an SPF record (RFC 7208 §4.5, §4.6, §5, §6, ABNF §12). The whole record is checked before
 * any of it is evaluated (§4.6): any syntax error is a permerror.
 *
 * <pre>
 * record    = version terms *SP
 * version   = "v=spf1"
 * terms     = *( 1*SP ( directive / modifier ) )
 * directive = [ qualifier ] mechanism
 * modifier  = redirect / explanation / unknown-modifier
 * unknown-modifier = name "=" macro-string
 * name      = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
 * </pre>
 */
public final class SpfParser {

    /** The version section (§4.5), compared without regard to case. */
    public static final String VERSION = "v=spf1";

    private SpfParser() { }

    /**
     * Whether a TXT string is an SPF version 1 record: it begins with {@code v=spf1} followed by a
     * space or the end (§4.5); other records are discarded.
     */
    public static boolean isSpfRecord(String txt) {
        if (!txt.regionMatches(true, 0, VERSION, 0, VERSION.length())) return false;
        return txt.length() == VERSION.length() || txt.charAt(VERSION.length()) == ' ';
    }

    public static SpfRecord parse(String txt) throws SpfException {
        if (!isSpfRecord(txt)) throw SpfException.perm("not an SPF record");
        List<Directive> directives = new ArrayList<>();
        MacroString redirect = null;
        MacroString exp = null;
        for (String term : txt.substring(VERSION.length()).split(" ", -1)) {
            if (term.isEmpty()) continue; // 1*SP between terms, *SP at the end
            int eq = modifierNameEnd(term);
            if (eq > 0) {
                String name = term.substring(0, eq).toLowerCase(Locale.ROOT);
                String value = term.substring(eq + 1);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) throw SpfException.perm("redirect= given twice"); // §6
                        redirect = domainSpec(value);
                    }
                    case "exp" -> {
                        if (exp != null) throw SpfException.perm("exp= given twice"); // §6
                        exp = domainSpec(value);
                    }
                    default -> MacroString.parse(value, true); // §6: ignored, but must be well-formed (§12)
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(directives, redirect, exp);
    }

    /** The index of "=" when {@code term} starts with {@code name "="}, else -1. */
    private static int modifierNameEnd(String term) {
        if (term.isEmpty() || !isAlpha(term.charAt(0))) return -1;
        for (int i = 1; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '=') return i;
            if (!(isAlpha(c) || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) return -1;
        }
        return -1;
    }

    private static Directive directive(String term) throws SpfException {
        Qualifier q = Qualifier.of(term.charAt(0));
        String rest = q != null ? term.substring(1) : term;
        if (q == null) q = Qualifier.PASS; // §4.6.2: the default qualifier is "+"
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != ':' && rest.charAt(end) != '/') end++;
        String name = rest.substring(0, end).toLowerCase(Locale.ROOT);
        String arg = rest.substring(end);
        Mechanism m = switch (name) {
            case "all" -> {
                if (!arg.isEmpty()) throw SpfException.perm("'all' takes no argument");
                yield new Mechanism.All();
            }
            case "include" -> new Mechanism.Include(requiredDomain(name, arg));
            case "exists" -> new Mechanism.Exists(requiredDomain(name, arg));
            case "ptr" -> new Mechanism.Ptr(arg.isEmpty() ? null : requiredDomain(name, arg));
            case "a", "mx" -> {
                int cidr6 = 128;
                int cidr4 = 32;
                int dd = arg.lastIndexOf("//");
                if (dd >= 0 && isDigits(arg.substring(dd + 2))) {
                    cidr6 = cidr(arg.substring(dd + 2), 128);
                    arg = arg.substring(0, dd);
                }
                int d = arg.lastIndexOf('/');
                if (d >= 0 && isDigits(arg.substring(d + 1))) {
                    cidr4 = cidr(arg.substring(d + 1), 32);
                    arg = arg.substring(0, d);
                }
                MacroString domain = arg.isEmpty() ? null : requiredDomain(name, arg);
                yield name.equals("a") ? new Mechanism.A(domain, cidr4, cidr6) : new Mechanism.Mx(domain, cidr4, cidr6);
            }
            case "ip4" -> {
                String net = argument(name, arg);
                int cidr = 32;
                int slash = net.indexOf('/');
                if (slash >= 0) {
                    cidr = cidr(net.substring(slash + 1), 32);
                    net = net.substring(0, slash);
                }
                yield new Mechanism.Ip4(ip4(net), cidr);
            }
            case "ip6" -> {
                String net = argument(name, arg);
                int cidr = 128;
                int slash = net.indexOf('/');
                if (slash >= 0) {
                    cidr = cidr(net.substring(slash + 1), 128);
                    net = net.substring(0, slash);
                }
                yield new Mechanism.Ip6(ip6(net), cidr);
            }
            default -> throw SpfException.perm("unknown mechanism '" + clip(term) + "'");
        };
        return new Directive(q, m);
    }

    private static String argument(String mechanism, String arg) throws SpfException {
        if (!arg.startsWith(":") || arg.length() == 1) throw SpfException.perm("'" + mechanism + "' needs ':' and a value");
        return arg.substring(1);
    }

    private static MacroString requiredDomain(String mechanism, String arg) throws SpfException {
        return domainSpec(argument(mechanism, arg));
    }

    private static MacroString domainSpec(String s) throws SpfException {
        if (s.isEmpty()) throw SpfException.perm("empty domain-spec");
        MacroString ms = MacroString.parse(s, false);
        ms.requireDomainEnd();
        return ms;
    }

    /** {@code ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT)}, {@code ip6-cidr-length = "/" ("0" / %x31-39 0*2DIGIT)} (§12). */
    private static int cidr(String s, int max) throws SpfException {
        if (!isDigits(s) || s.length() > 3 || s.length() > 1 && s.charAt(0) == '0') {
            throw SpfException.perm("invalid CIDR length '/" + clip(s) + "'");
        }
        int n = Integer.parseInt(s);
        if (n > max) throw SpfException.perm("CIDR length /" + n + " over " + max);
        return n;
    }

    /** {@code ip4-network = qnum "." qnum "." qnum "." qnum}, qnum 0-255 without leading zeros (§12). */
    static byte[] ip4(String s) throws SpfException {
        String[] q = s.split("\\.", -1);
        if (q.length != 4) throw SpfException.perm("invalid ip4 network '" + clip(s) + "'");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String x = q[i];
            if (!isDigits(x) || x.length() > 3 || x.length() > 1 && x.charAt(0) == '0' || Integer.parseInt(x) > 255) {
                throw SpfException.perm("invalid ip4 network '" + clip(s) + "'");
            }
            b[i] = (byte) Integer.parseInt(x);
        }
        return b;
    }

    /** {@code ip6-network = <as per RFC 4291 §2.2>} (§12): 16 octets. */
    static byte[] ip6(String s) throws SpfException {
        if (s.isEmpty() || s.indexOf(':') < 0) throw SpfException.perm("invalid ip6 network '" + clip(s) + "'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                throw SpfException.perm("invalid ip6 network '" + clip(s) + "'");
            }
        }
        InetAddress a;
        try {
            a = Inet6Address.ofLiteral(s);
        } catch (IllegalArgumentException e) {
            throw SpfException.perm("invalid ip6 network '" + clip(s) + "'");
        }
        if (a instanceof Inet4Address v4) { // an IPv4-mapped literal (::ffff:a.b.c.d)
            byte[] b = new byte[16];
            b[10] = (byte) 0xff;
            b[11] = (byte) 0xff;
            System.arraycopy(v4.getAddress(), 0, b, 12, 4);
            return b;
        }
        return a.getAddress();
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** A term shortened for a message (records may be long and peer-controlled). */
    static String clip(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 64; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return s.length() > 64 ? out + "..." : out.toString();
    }
}
