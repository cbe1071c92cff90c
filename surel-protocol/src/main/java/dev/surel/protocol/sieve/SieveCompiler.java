package dev.surel.protocol.sieve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses ({@link SieveParser}) and validates a script: {@code require} first and only known
 * capabilities (RFC 5228 §3.2), every command and test known and its extension required,
 * tagged arguments before positional ones (§2.6.2) with the right value types, at most one match
 * type, comparator and address part (§2.7), known comparators (§2.7.3), relational operators
 * (RFC 5231 §4), {@code elsif}/{@code else} after {@code if} (§3.1), encoded characters decoded
 * (§2.4.2.4), and the literal values that can be checked before run time (envelope parts,
 * date parts, addresses, header field names, variable names).
 *
 * <p>{@link #compile(String)} is the entry point ManageSieve's CHECKSCRIPT and PUTSCRIPT use.
 */
public final class SieveCompiler {

    /**
     * The capabilities Surel implements, in the order ManageSieve advertises them
     * ({@code "SIEVE" SP string}, RFC 5804 §1.7).
     */
    public static final List<String> CAPABILITIES = List.of("fileinto", "reject", "ereject", "envelope",
            "encoded-character", "imap4flags", "body", "variables", "relational", "comparator-i;octet",
            "comparator-i;ascii-casemap", "comparator-i;ascii-numeric", "subaddress", "copy", "date", "index",
            "mailbox", "vacation", "vacation-seconds", "include", "spamtest", "spamtestplus", "virustest",
            "duplicate", "editheader", "regex");

    /** {@link #CAPABILITIES} as ManageSieve's SIEVE capability value: space separated. */
    public static final String CAPABILITY_STRING = String.join(" ", CAPABILITIES);

    static final Set<String> COMPARATORS = Set.of("i;octet", "i;ascii-casemap", "i;ascii-numeric");
    static final Set<String> RELATIONS = Set.of("gt", "ge", "lt", "le", "eq", "ne");
    static final Set<String> DATE_PARTS = Set.of("year", "month", "day", "date", "julian", "hour", "minute",
            "second", "time", "iso8601", "std11", "zone", "weekday");

    private final SieveLimits limits;
    private Set<String> requires;
    private boolean variables;

    private SieveCompiler(SieveLimits limits) {
        this.limits = limits;
    }

    /** Compiles with {@link SieveLimits#DEFAULT}. */
    public static SieveScript compile(String source) throws SieveException {
        return compile(source, SieveLimits.DEFAULT);
    }

    /** Parses and validates {@code source}; the error names its line ({@code line N: ...}). */
    public static SieveScript compile(String source, SieveLimits limits) throws SieveException {
        List<Node.Command> parsed = SieveParser.parse(source, limits);
        return new SieveCompiler(limits).validate(parsed);
    }

    private SieveScript validate(List<Node.Command> parsed) throws SieveException {
        requires = new LinkedHashSet<>();
        boolean pastRequire = false;
        for (Node.Command c : parsed) {
            if (c.name().equalsIgnoreCase("require")) {
                if (pastRequire) throw new SieveException(c.line(), "require must come before other commands (RFC 5228 §3.2)");
                require(c);
            } else {
                pastRequire = true;
            }
        }
        variables = requires.contains("variables");
        List<Call> out = new ArrayList<>();
        block(parsed, out, true);
        return new SieveScript(out, requires);
    }

    private void require(Node.Command c) throws SieveException {
        if (c.block() != null || !c.tests().isEmpty() || c.arguments().size() != 1
                || !(c.arguments().getFirst() instanceof Argument.Strings s)) {
            throw new SieveException(c.line(), "require takes one string list of capabilities");
        }
        for (int i = 0; i < s.values().size(); i++) {
            String cap = s.values().get(i);
            String k = cap.toLowerCase(Locale.ROOT);
            if (!CAPABILITIES.contains(k)) {
                throw new SieveException(s.itemLines().get(i), "unknown capability \"" + printable(cap) + "\"");
            }
            requires.add(k);
            if (k.equals("spamtestplus")) requires.add("spamtest");
            if (k.equals("vacation-seconds")) requires.add("vacation");
        }
    }

    private void block(List<Node.Command> cmds, List<Call> out, boolean top) throws SieveException {
        String previous = null;
        for (Node.Command c : cmds) {
            String name = c.name().toLowerCase(Locale.ROOT);
            if ((name.equals("elsif") || name.equals("else")) && !("if".equals(previous) || "elsif".equals(previous))) {
                throw new SieveException(c.line(), name + " without a preceding if");
            }
            if (name.equals("require")) {
                if (!top) throw new SieveException(c.line(), "require must come before other commands (RFC 5228 §3.2)");
                previous = name;
                continue;
            }
            out.add(command(c, name));
            previous = name;
        }
    }

    private Call command(Node.Command c, String name) throws SieveException {
        Spec spec = Specs.command(name);
        if (spec == null) {
            if (Specs.test(name) != null) throw new SieveException(c.line(), name + " is a test, not a command");
            throw new SieveException(c.line(), "unknown command " + printable(name));
        }
        needs(spec.extension(), name, c.line());
        if (spec.block() && c.block() == null) throw new SieveException(c.line(), name + " needs a block { ... }");
        if (!spec.block() && c.block() != null) throw new SieveException(c.line(), name + " takes no block");
        List<Call> tests = tests(spec, c.tests(), false, c.line());
        List<Call> block = null;
        if (c.block() != null) {
            block = new ArrayList<>();
            block(c.block(), block, false);
        }
        Call call = arguments(spec, c.arguments(), tests, block, c.line());
        check(call);
        return call;
    }

    private Call test(Node.Test t) throws SieveException {
        String name = t.name().toLowerCase(Locale.ROOT);
        Spec spec = Specs.test(name);
        if (spec == null) {
            if (Specs.command(name) != null) throw new SieveException(t.line(), name + " is a command, not a test");
            throw new SieveException(t.line(), "unknown test " + printable(name));
        }
        needs(spec.extension(), name, t.line());
        List<Call> tests = tests(spec, t.tests(), t.testList(), t.line());
        Call call = arguments(spec, t.arguments(), tests, null, t.line());
        check(call);
        return call;
    }

    private List<Call> tests(Spec spec, List<Node.Test> given, boolean list, int line) throws SieveException {
        switch (spec.tests()) {
            case NONE -> {
                if (!given.isEmpty()) throw new SieveException(line, spec.name() + " takes no test");
            }
            case ONE -> {
                if (given.size() != 1 || list) throw new SieveException(line, spec.name() + " needs one test");
            }
            case LIST -> {
                if (given.isEmpty() || !list) throw new SieveException(line, spec.name() + " needs a test list ( ... )");
            }
        }
        List<Call> out = new ArrayList<>();
        for (Node.Test t : given) out.add(test(t));
        return out;
    }

    /** Tagged arguments first, then positional ones, each of its type (RFC 5228 §2.6). */
    private Call arguments(Spec spec, List<Argument> given, List<Call> tests, List<Call> block, int line)
            throws SieveException {
        Map<String, Argument> tags = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        List<Argument> positional = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Argument a = given.get(i);
            if (a instanceof Argument.Tag tag) {
                if (!positional.isEmpty()) {
                    throw new SieveException(tag.line(), "tag " + tag.name() + " after positional arguments of " + spec.name());
                }
                Spec.TagSpec ts = spec.tags().get(tag.name());
                if (ts == null) throw new SieveException(tag.line(), spec.name() + " has no tag " + printable(tag.name()));
                needs(ts.extension(), tag.name(), tag.line());
                if (tags.containsKey(tag.name())) throw new SieveException(tag.line(), "tag " + tag.name() + " given twice");
                if (ts.group() != null) {
                    String other = groups.put(ts.group(), tag.name());
                    if (other != null) throw new SieveException(tag.line(), tag.name() + " and " + other + " cannot be used together");
                }
                Argument value = tag;
                if (ts.value() != Spec.Type.NONE) {
                    if (i + 1 >= given.size()) throw new SieveException(tag.line(), tag.name() + " needs " + describe(ts.value()));
                    value = decoded(given.get(++i));
                    typeCheck(value, ts.value(), tag.name());
                }
                tags.put(tag.name(), value);
            } else {
                positional.add(decoded(a));
            }
        }
        List<Spec.Type> types = spec.positional();
        if (positional.size() < spec.minPositional() || positional.size() > types.size()) {
            String count = spec.minPositional() == types.size() ? "" + types.size() : spec.minPositional() + " to " + types.size();
            throw new SieveException(line, spec.name() + " takes " + count + " positional argument" + (types.size() == 1 ? "" : "s")
                    + ", not " + positional.size());
        }
        // With fewer arguments than declared, the optional ones are the leading ones (setflag, hasflag)
        // except for deleteheader, whose value patterns at the end are optional (RFC 5293 §5).
        int skip = spec.name().equals("deleteheader") ? 0 : types.size() - positional.size();
        for (int i = 0; i < positional.size(); i++) {
            typeCheck(positional.get(i), types.get(i + skip), spec.name());
        }
        return new Call(spec.name(), tags, positional, tests, block, line);
    }

    private Argument decoded(Argument a) throws SieveException {
        if (!(a instanceof Argument.Strings s) || !requires.contains("encoded-character")) return a;
        List<String> v = new ArrayList<>();
        for (int i = 0; i < s.values().size(); i++) v.add(EncodedCharacter.decode(s.values().get(i), s.itemLines().get(i)));
        return new Argument.Strings(v, s.list(), s.line(), s.itemLines());
    }

    private static void typeCheck(Argument a, Spec.Type t, String what) throws SieveException {
        boolean ok = switch (t) {
            case NONE -> false;
            case NUMBER -> a instanceof Argument.Num;
            case STRING -> a instanceof Argument.Strings s && !s.list();
            case STRING_LIST -> a instanceof Argument.Strings;
        };
        if (!ok) throw new SieveException(a.line(), what + " needs " + describe(t) + ", not " + describe(a));
    }

    /** The checks on literal values, per command and test. */
    private void check(Call c) throws SieveException {
        String comparator = c.string(":comparator");
        if (comparator != null) {
            String k = comparator.toLowerCase(Locale.ROOT);
            if (!COMPARATORS.contains(k)) throw new SieveException(c.line(), "unknown comparator \"" + printable(comparator) + "\"");
            if (k.equals("i;ascii-numeric")) {
                needs("comparator-i;ascii-numeric", "comparator i;ascii-numeric", c.line());
                // RFC 4790 §9.1: i;ascii-numeric has equality and ordering, no substring match.
                if (c.has(":contains") || c.has(":matches") || c.has(":regex")) {
                    throw new SieveException(c.line(), "comparator i;ascii-numeric cannot do " + c.firstOf(":contains", ":matches", ":regex"));
                }
            }
        }
        for (String rel : new String[] {":count", ":value"}) {
            String op = c.string(rel);
            if (op != null && !RELATIONS.contains(op.toLowerCase(Locale.ROOT))) {
                throw new SieveException(c.line(), rel + " needs a relational operator (gt ge lt le eq ne), not \"" + printable(op) + "\"");
            }
        }
        if (c.has(":regex")) {
            Argument keys = c.args().getLast();
            if (keys instanceof Argument.Strings s) {
                for (String k : s.values()) {
                    if (!isVariable(k)) {
                        String bad = Regex.check(k);
                        if (bad != null) throw new SieveException(c.line(), "bad regular expression \"" + printable(k) + "\": " + bad);
                    }
                }
            }
        }
        if (c.has(":last") && !c.has(":index") && !c.name().equals("addheader") && !c.name().equals("duplicate")) throw new SieveException(c.line(), ":last needs :index");
        if (c.has(":index") && c.number(":index", 0) < 1) throw new SieveException(c.line(), ":index counts from 1");
        switch (c.name()) {
            case "envelope" -> {
                for (String p : c.arg(0)) {
                    if (!isVariable(p) && !(p.equalsIgnoreCase("from") || p.equalsIgnoreCase("to"))) {
                        throw new SieveException(c.line(), "unknown envelope part \"" + printable(p) + "\" (from or to)");
                    }
                }
            }
            case "size" -> {
                if (!c.has(":over") && !c.has(":under")) throw new SieveException(c.line(), "size needs :over or :under");
            }
            case "date", "currentdate" -> {
                String part = c.arg(c.name().equals("date") ? 1 : 0).getFirst();
                if (!isVariable(part) && !DATE_PARTS.contains(part.toLowerCase(Locale.ROOT))) {
                    throw new SieveException(c.line(), "unknown date part \"" + printable(part) + "\"");
                }
                String zone = c.string(":zone");
                if (zone != null && !isVariable(zone) && DateParts.zoneOffset(zone) == null) {
                    throw new SieveException(c.line(), "bad time zone \"" + printable(zone) + "\" (+hhmm or -hhmm)");
                }
            }
            case "redirect" -> {
                String to = c.arg(0).getFirst();
                if (!isVariable(to) && !Addresses.isMailbox(to)) {
                    throw new SieveException(c.line(), "redirect needs an address, not \"" + printable(to) + "\"");
                }
            }
            case "vacation" -> {
                String from = c.string(":from");
                if (from != null && !isVariable(from) && Addresses.parseOne(from) == null) {
                    throw new SieveException(c.line(), "vacation :from needs an address, not \"" + printable(from) + "\"");
                }
            }
            case "set" -> {
                String name = c.arg(0).getFirst();
                if (!Variables.isName(name)) throw new SieveException(c.line(), "bad variable name \"" + printable(name) + "\"");
            }
            case "global" -> {
                needs("variables", "global", c.line());
                for (String name : c.arg(0)) {
                    if (!Variables.isName(name)) throw new SieveException(c.line(), "bad variable name \"" + printable(name) + "\"");
                }
            }
            case "setflag", "addflag", "removeflag" -> {
                if (c.args().size() == 2) {
                    needs("variables", c.name() + " with a variable", c.line());
                    String name = c.arg(0).getFirst();
                    if (!Variables.isName(name)) throw new SieveException(c.line(), "bad variable name \"" + printable(name) + "\"");
                }
            }
            case "hasflag" -> {
                if (c.args().size() == 2) {
                    needs("variables", "hasflag with variables", c.line());
                    for (String name : c.arg(0)) {
                        if (!Variables.isName(name)) throw new SieveException(c.line(), "bad variable name \"" + printable(name) + "\"");
                    }
                }
            }
            case "addheader", "deleteheader" -> {
                String field = c.arg(0).getFirst();
                if (!isVariable(field) && !HeaderEdit.isFieldName(field)) {
                    throw new SieveException(c.line(), "bad header field name \"" + printable(field) + "\"");
                }
                if (c.name().equals("deleteheader") && c.args().size() < 2 && c.firstOf(":is", ":contains", ":matches", ":count", ":value") != null) {
                    throw new SieveException(c.line(), "deleteheader with a match type needs value patterns");
                }
            }
            case "include" -> {
                String script = c.arg(0).getFirst();
                if (!isVariable(script) && !isScriptName(script)) {
                    throw new SieveException(c.line(), "bad script name \"" + printable(script) + "\"");
                }
            }
            case "fileinto" -> {
                String box = c.arg(0).getFirst();
                if (box.isEmpty() || box.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                    throw new SieveException(c.line(), "bad mailbox name \"" + printable(box) + "\"");
                }
            }
            default -> {}
        }
    }

    /** RFC 6609 §3.2: a script name is a ManageSieve name, no '/' (RFC 5804 §1.6). */
    static boolean isScriptName(String s) {
        return !s.isEmpty() && s.length() <= 128 && s.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f || ch == '/');
    }

    /** With variables, a string that refers to one is checked at run time only. */
    private boolean isVariable(String s) {
        return variables && s.contains("${");
    }

    private void needs(String extension, String what, int line) throws SieveException {
        if (extension != null && !requires.contains(extension)) {
            throw new SieveException(line, what + " needs require \"" + extension + "\"");
        }
    }

    private static String describe(Spec.Type t) {
        return switch (t) {
            case NONE -> "nothing";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case STRING_LIST -> "a string list";
        };
    }

    private static String describe(Argument a) {
        return switch (a) {
            case Argument.Tag t -> "tag " + t.name();
            case Argument.Num n -> "a number";
            case Argument.Strings s -> s.list() ? "a string list" : "a string";
        };
    }

    /** A value for an error message: short, control characters shown as '?'. */
    static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        StringBuilder sb = new StringBuilder();
        t.codePoints().forEach(cp -> sb.appendCodePoint(cp < 0x20 || cp == 0x7f ? '?' : cp));
        return sb.toString();
    }
}
