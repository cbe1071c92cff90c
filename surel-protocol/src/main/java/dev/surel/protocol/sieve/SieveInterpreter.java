package dev.surel.protocol.sieve;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Runs a compiled script against a message (RFC 5228 §2.10 and the extensions) and gives the
 * {@link SieveResult}. Pure: what it needs from the server comes through {@link SieveMessage} and
 * {@link SieveEnvironment}. Run-time limits ({@link SieveLimits}: steps, actions, redirects,
 * variables, includes) and action conflicts (RFC 5429 §2.1, RFC 5230 §4.7) stop the run with an
 * error naming the line; the result is then the fallback, implicit keep (§2.10.6).
 */
public final class SieveInterpreter {

    private final SieveLimits limits;
    private final SieveMessage msg;
    private final SieveEnvironment env;

    // run state
    private final ActionList actions;
    private final Map<String, String> globals = new HashMap<>();
    private final EditedHeader header;
    private final List<SieveResult.DuplicateMark> duplicates = new ArrayList<>();
    private final Set<String> duplicatesTested = new HashSet<>();
    private final Set<String> included = new HashSet<>();
    private final List<String> includeStack = new ArrayList<>();
    private final long[] steps = new long[1];
    private final Map<String, java.util.regex.Pattern> regexCache = new HashMap<>();
    private int includes;
    private Frame frame;

    /** One script's variables (RFC 5229 §3; RFC 6609 §3.4: globals shared by name). */
    private static final class Frame {
        final SieveScript script;
        final Map<String, String> locals = new LinkedHashMap<>();
        final Set<String> globalNames = new HashSet<>();
        List<String> matchVars = List.of();

        Frame(SieveScript script) {
            this.script = script;
        }
    }

    /** Ends the run ({@code stop}, §3.3) or the current script ({@code return}, RFC 6609 §3.3). */
    private static final class Stop extends RuntimeException {
        final boolean returnOnly;

        Stop(boolean returnOnly) {
            super(null, null, false, false);
            this.returnOnly = returnOnly;
        }
    }

    /** A run-time error, carried out of the evaluation as unchecked. */
    private static final class Failure extends RuntimeException {
        final SieveException error;

        Failure(SieveException error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    private SieveInterpreter(SieveLimits limits, SieveMessage msg, SieveEnvironment env) {
        this.limits = limits;
        this.msg = msg;
        this.env = env;
        this.actions = new ActionList(limits);
        this.header = new EditedHeader(msg, limits.maxActions() * 4);
    }

    /** Runs {@code script} with {@link SieveLimits#DEFAULT}. */
    public static SieveResult run(SieveScript script, SieveMessage message, SieveEnvironment environment) {
        return run(script, message, environment, SieveLimits.DEFAULT);
    }

    /** Runs {@code script}; never throws for anything the script or message does. */
    public static SieveResult run(SieveScript script, SieveMessage message, SieveEnvironment environment,
            SieveLimits limits) {
        SieveInterpreter in = new SieveInterpreter(limits, message, environment);
        try {
            in.runScript(script, "");
        } catch (Failure f) {
            return SieveResult.fallback(f.error);
        } catch (Stop s) {
            // stop: the run ends with what was decided so far
        } catch (RuntimeException | StackOverflowError e) {
            return SieveResult.fallback(new SieveException(0, "internal error: " + e.getClass().getSimpleName()));
        }
        return in.result();
    }

    private SieveResult result() {
        List<String> keepFlags = actions.implicitKeep() ? flagsOf(frame, null) : List.of();
        return new SieveResult(actions.actions(), actions.implicitKeep(), keepFlags, header.edits(), duplicates, null);
    }

    private void runScript(SieveScript script, String name) {
        Frame outer = frame;
        frame = new Frame(script);
        includeStack.add(name);
        try {
            commands(script.commands());
        } catch (Stop s) {
            if (!s.returnOnly) throw s;
        } finally {
            includeStack.removeLast();
            if (outer != null) frame = outer;
        }
    }

    // ---- commands (RFC 5228 §3, §4) ----

    private void commands(List<Call> cmds) {
        boolean lastIfTaken = false;
        for (Call c : cmds) {
            step(c.line(), 1);
            switch (c.name()) {
                case "if" -> {
                    lastIfTaken = test(c.tests().getFirst());
                    if (lastIfTaken) commands(c.block());
                }
                case "elsif" -> {
                    if (!lastIfTaken) {
                        lastIfTaken = test(c.tests().getFirst());
                        if (lastIfTaken) commands(c.block());
                    }
                }
                case "else" -> {
                    if (!lastIfTaken) commands(c.block());
                    lastIfTaken = true;
                }
                default -> command(c);
            }
        }
    }

    private void command(Call c) {
        switch (c.name()) {
            case "stop" -> throw new Stop(false);
            case "return" -> throw new Stop(true);
            case "keep" -> check(c, actions.keep(flagsOf(c)));
            case "discard" -> check(c, actions.discard());
            case "fileinto" -> {
                String box = expand(c.arg(0).getFirst());
                if (box.isEmpty() || box.length() > 1000 || box.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                    throw fail(c, "bad mailbox name \"" + SieveCompiler.printable(box) + "\"");
                }
                check(c, actions.fileInto(box, flagsOf(c), c.has(":copy"), c.has(":create")));
            }
            case "redirect" -> {
                String to = expand(c.arg(0).getFirst());
                Addresses.Addr a = Addresses.parseOne(to);
                if (a == null) throw fail(c, "redirect needs an address, not \"" + SieveCompiler.printable(to) + "\"");
                check(c, actions.redirect(a, c.has(":copy")));
            }
            case "reject", "ereject" -> check(c, actions.reject(expand(c.arg(0).getFirst()), c.name().equals("ereject")));
            case "setflag", "addflag", "removeflag" -> flagCommand(c);
            case "set" -> {
                String name = c.arg(0).getFirst().toLowerCase(Locale.ROOT);
                setVariable(c, name, Variables.modify(expand(c.arg(1).getFirst()), c));
            }
            case "vacation" -> vacation(c);
            case "include" -> include(c);
            case "global" -> {
                for (String n : c.arg(0)) {
                    String name = n.toLowerCase(Locale.ROOT);
                    frame.globalNames.add(name);
                    frame.locals.remove(name);
                }
            }
            case "addheader" -> addHeader(c);
            case "deleteheader" -> deleteHeader(c);
            default -> throw fail(c, "command " + c.name() + " cannot run here");
        }
    }

    /** RFC 5230 §4 and RFC 6131 §2 (once per run and not with reject: {@link ActionList#vacation}). */
    private void vacation(Call c) {
        // RFC 5230 §4.1, RFC 6131 §2: the site's minimum and maximum period apply
        long seconds = c.has(":seconds") ? c.number(":seconds", 0) : Math.min(c.number(":days", 7), 3_650_000L) * 86_400L;
        seconds = Math.max(env.vacationMinSeconds(), Math.min(seconds, env.vacationMaxSeconds()));
        String subject = c.has(":subject") ? expand(c.string(":subject")) : null;
        String from = c.has(":from") ? expand(c.string(":from")) : null;
        if (from != null && Addresses.parseOne(from) == null) {
            throw fail(c, "vacation :from needs an address, not \"" + SieveCompiler.printable(from) + "\"");
        }
        List<String> addresses = new ArrayList<>();
        if (c.has(":addresses")) for (String a : c.strings(":addresses")) addresses.add(expand(a));
        String reason = expand(c.arg(0).getFirst());
        boolean mime = c.has(":mime");
        // RFC 5230 §4.2: without :handle, the handle is made of the arguments as written, before
        // variables are expanded (as Pigeonhole does, so both give the same handle).
        String handle = c.has(":handle") ? expand(c.string(":handle"))
                : c.arg(0).getFirst() + (subject == null ? "<default-subject>" : c.string(":subject"))
                        + (from == null ? "<default-from>" : c.string(":from")) + (mime ? "<MIME>" : "<NO-MIME>");
        check(c, actions.vacation(new SieveAction.Vacation(seconds, subject, from, addresses, mime, handle, reason)));
    }

    private void include(Call c) {
        boolean global = c.has(":global");
        String name = expand(c.arg(0).getFirst());
        if (!SieveCompiler.isScriptName(name)) throw fail(c, "bad script name \"" + SieveCompiler.printable(name) + "\"");
        String key = (global ? "global:" : "personal:") + name;
        if (includeStack.contains(key)) throw fail(c, "include of " + name + " is recursive (RFC 6609 §3.2)");
        if (c.has(":once") && included.contains(key)) return;
        if (includeStack.size() > limits.maxIncludeDepth()) throw fail(c, "includes nested deeper than " + limits.maxIncludeDepth());
        if (++includes > limits.maxIncludes()) throw fail(c, "more than " + limits.maxIncludes() + " includes");
        Optional<String> source = env.script(name, global);
        if (source.isEmpty()) {
            if (c.has(":optional")) return;
            throw fail(c, "included script " + name + " does not exist");
        }
        SieveScript sub;
        try {
            sub = SieveCompiler.compile(source.get(), limits);
        } catch (SieveException e) {
            throw fail(c, "included script " + name + ": " + e.getMessage());
        }
        included.add(key);
        includeStack.add(key);
        try {
            runScript(sub, key);
        } catch (Failure f) {
            SieveException e = f.error;
            throw fail(c, "in included script " + name + ": " + e.getMessage());
        } finally {
            includeStack.removeLast();
        }
    }

    // ---- imap4flags (RFC 5232 §3) ----

    private void flagCommand(Call c) {
        String var = c.args().size() == 2 ? c.arg(0).getFirst().toLowerCase(Locale.ROOT) : null;
        List<String> given = flagList(c.args().getLast() instanceof Argument.Strings s ? s.values() : List.of());
        List<String> current = flagsOf(frame, var);
        List<String> next = switch (c.name()) {
            case "setflag" -> given;
            case "addflag" -> mergeFlags(current, given);
            default -> {
                List<String> out = new ArrayList<>();
                for (String f : current) if (given.stream().noneMatch(g -> g.equalsIgnoreCase(f))) out.add(f);
                yield out;
            }
        };
        String value = String.join(" ", next);
        if (var == null) setVariable(c, "\0flags", value);
        else setVariable(c, var, value);
    }

    private List<String> flagsOf(Call c) {
        if (c.has(":flags")) return flagList(c.strings(":flags"));
        return flagsOf(frame, null);
    }

    private List<String> flagsOf(Frame f, String var) {
        String v = var == null ? lookup(f, "\0flags") : lookup(f, var);
        return v == null ? List.of() : flagList(List.of(v));
    }

    /** The flags of a string list: space-separated names, expanded, each once (RFC 5232 §3). */
    private List<String> flagList(List<String> strings) {
        List<String> out = new ArrayList<>();
        for (String s : strings) {
            for (String f : expand(s).split(" ")) {
                if (!f.isEmpty() && out.stream().noneMatch(x -> x.equalsIgnoreCase(f))) out.add(f);
            }
        }
        return out;
    }

    static List<String> mergeFlags(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        for (String f : b) if (out.stream().noneMatch(x -> x.equalsIgnoreCase(f))) out.add(f);
        return out;
    }

    // ---- editheader (RFC 5293) ----

    private void addHeader(Call c) {
        check(c, header.add(expand(c.arg(0).getFirst()), expand(c.arg(1).getFirst()), c.has(":last")));
    }

    private void deleteHeader(Call c) {
        List<String> patterns = c.args().size() < 2 ? null : expandAll(c.arg(1));
        check(c, header.delete(expand(c.arg(0).getFirst()), c.has(":index") ? c.number(":index", 1) : 0, c.has(":last"),
                raw -> patterns == null || match(c, List.of(decode(raw)), patterns)));
    }

    /** The raw values of a header field as the script sees them now (after its edits). */
    private List<String> headerValues(String name) {
        return header.values(name);
    }

    // ---- tests (RFC 5228 §5 and the extensions) ----

    private boolean test(Call t) {
        step(t.line(), 1);
        return switch (t.name()) {
            case "true" -> true;
            case "false" -> false;
            case "not" -> !test(t.tests().getFirst());
            case "allof" -> {
                for (Call x : t.tests()) if (!test(x)) yield false;
                yield true;
            }
            case "anyof" -> {
                for (Call x : t.tests()) if (test(x)) yield true;
                yield false;
            }
            case "exists" -> {
                for (String h : expandAll(t.arg(0))) if (headerValues(h).isEmpty()) yield false;
                yield true;
            }
            case "size" -> t.has(":over") ? msg.size() > t.number(":over", 0) : msg.size() < t.number(":under", 0);
            case "header" -> match(t, headerTestValues(t, expandAll(t.arg(0))), expandAll(t.arg(1)));
            case "address" -> match(t, addressValues(t, expandAll(t.arg(0))), expandAll(t.arg(1)));
            case "envelope" -> match(t, envelopeValues(t, expandAll(t.arg(0))), expandAll(t.arg(1)));
            case "body" -> body(t);
            case "string" -> {
                List<String> sources = new ArrayList<>();
                for (String s : expandAll(t.arg(0))) {
                    // RFC 5229 §5: for :count, empty strings are not counted
                    if (!(t.has(":count") && s.isEmpty())) sources.add(s);
                }
                yield match(t, sources, expandAll(t.arg(1)));
            }
            case "date" -> date(t);
            case "currentdate" -> currentDate(t);
            case "mailboxexists" -> {
                for (String m : expandAll(t.arg(0))) if (!env.mailboxExists(m)) yield false;
                yield true;
            }
            case "hasflag" -> {
                List<String> flags = new ArrayList<>();
                if (t.args().size() == 2) {
                    for (String v : t.arg(0)) flags.addAll(flagsOf(frame, v.toLowerCase(Locale.ROOT)));
                } else {
                    flags.addAll(flagsOf(frame, null));
                }
                yield match(t, flags, expandAll(t.args().getLast() instanceof Argument.Strings s ? s.values() : List.of()));
            }
            case "spamtest" -> {
                String value;
                if (t.has(":percent")) {
                    int p = env.spamTestPercent();
                    value = p < 0 ? "0" : Integer.toString(Math.min(100, p));
                } else {
                    value = Integer.toString(Math.max(0, Math.min(10, env.spamTest())));
                }
                yield match(t, List.of(value), List.of(expand(t.arg(0).getFirst())));
            }
            case "virustest" -> match(t, List.of(Integer.toString(Math.max(0, Math.min(5, env.virusTest())))),
                    List.of(expand(t.arg(0).getFirst())));
            case "duplicate" -> duplicate(t);
            default -> throw fail(t, "test " + t.name() + " cannot run here");
        };
    }

    /** Header values for header/date: RFC 2047 decoded (RFC 5228 §5.7), :index picks one (RFC 5260 §6). */
    private List<String> headerTestValues(Call t, List<String> names) {
        List<String> raw = new ArrayList<>();
        for (String n : names) raw.addAll(indexed(t, headerValues(n)));
        List<String> out = new ArrayList<>();
        for (String r : raw) out.add(decode(r));
        return out;
    }

    private static List<String> indexed(Call t, List<String> values) {
        if (!t.has(":index")) return values;
        long idx = t.number(":index", 1);
        int n = values.size();
        long i = t.has(":last") ? n - idx : idx - 1;
        return i >= 0 && i < n ? List.of(values.get((int) i)) : List.of();
    }

    /** Unfolded, trimmed, RFC 2047 encoded words decoded. */
    private static String decode(String raw) {
        String v = raw.replace("\r\n", "").replace("\n", "").strip();
        if (!v.contains("=?")) return v;
        try {
            return DecoderUtil.decodeEncodedWords(v, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return v;
        }
    }

    private List<String> addressValues(Call t, List<String> names) {
        String part = addressPart(t);
        List<String> out = new ArrayList<>();
        for (String n : names) {
            for (String raw : indexed(t, headerValues(n))) {
                String unfolded = raw.replace("\r\n", "").replace("\n", "");
                List<Addresses.Addr> addrs = Addresses.parseList(unfolded);
                if (addrs.isEmpty() && !unfolded.isBlank() && part.equals(":all")) {
                    out.add(unfolded.strip()); // not an address: compared as written
                }
                for (Addresses.Addr a : addrs) {
                    String p = Addresses.part(a, part);
                    if (p != null) out.add(p);
                }
            }
        }
        return out;
    }

    private List<String> envelopeValues(Call t, List<String> parts) {
        String part = addressPart(t);
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            String which = p.toLowerCase(Locale.ROOT);
            if (!which.equals("from") && !which.equals("to")) throw fail(t, "unknown envelope part \"" + SieveCompiler.printable(p) + "\"");
            String value = which.equals("from") ? msg.envelopeFrom() : msg.envelopeTo();
            Addresses.Addr a = Addresses.envelope(value);
            if (a.all().isEmpty()) {
                out.add(""); // RFC 5228 §5.4: the null reverse-path is the empty string, whatever the part
            } else {
                String v = Addresses.part(a, part);
                if (v != null) out.add(v);
            }
        }
        return out;
    }

    private static String addressPart(Call t) {
        String p = t.firstOf(":localpart", ":domain", ":user", ":detail", ":all");
        return p == null ? ":all" : p;
    }

    private boolean body(Call t) {
        BodyTransform tr = t.has(":raw") ? new BodyTransform.Raw()
                : t.has(":content") ? new BodyTransform.Content(expandAll(t.strings(":content")))
                : new BodyTransform.Text();
        return match(t, msg.body(tr), expandAll(t.arg(0)));
    }

    /** RFC 5260 §4: the date in a header field, in :zone, its own zone (:originalzone) or local time. */
    private boolean date(Call t) {
        List<String> values = headerValues(expand(t.arg(0).getFirst()));
        List<String> picked = indexed(t, values);
        if (picked.isEmpty()) return false;
        ZonedDateTime d = DateParts.parse(decode(picked.getFirst()));
        if (d == null) return false;
        if (!t.has(":originalzone")) d = d.withZoneSameInstant(zone(t));
        return datePart(t, d, t.arg(1).getFirst(), t.arg(2));
    }

    private boolean currentDate(Call t) {
        ZonedDateTime d = env.now().withZoneSameInstant(zone(t));
        return datePart(t, d, t.arg(0).getFirst(), t.arg(1));
    }

    private java.time.ZoneId zone(Call t) {
        if (!t.has(":zone")) return env.now().getZone();
        String z = expand(t.string(":zone"));
        ZoneOffset o = DateParts.zoneOffset(z);
        if (o == null) throw fail(t, "bad time zone \"" + SieveCompiler.printable(z) + "\" (+hhmm or -hhmm)");
        return o;
    }

    private boolean datePart(Call t, ZonedDateTime d, String partName, List<String> keys) {
        String part = DateParts.part(d, expand(partName));
        if (part == null) throw fail(t, "unknown date part \"" + SieveCompiler.printable(partName) + "\"");
        return match(t, List.of(part), expandAll(keys));
    }

    /** RFC 7352 §3: the id is the Message-ID, the :header field or :uniqueid; recorded after delivery. */
    private boolean duplicate(Call t) {
        String handle = t.has(":handle") ? expand(t.string(":handle")) : "";
        String id;
        if (t.has(":uniqueid")) {
            id = expand(t.string(":uniqueid"));
        } else {
            String field = t.has(":header") ? expand(t.string(":header")) : "Message-ID";
            List<String> v = headerValues(field);
            if (v.isEmpty()) return false;
            id = decode(v.getFirst());
        }
        if (id.length() > 998) id = id.substring(0, 998);
        long seconds = Math.max(1, Math.min(t.number(":seconds", 7 * 86_400L), 365 * 86_400L));
        String key = handle + "\0" + id;
        boolean seen = duplicatesTested.contains(key) || env.duplicateSeen(handle, id);
        if (!duplicatesTested.contains(key) && (!seen || t.has(":last"))) {
            duplicates.add(new SieveResult.DuplicateMark(handle, id, seconds));
        }
        duplicatesTested.add(key);
        return seen;
    }

    // ---- matching (RFC 5228 §2.7, RFC 5231, RFC 5229 §3.2) ----

    private boolean match(Call t, List<String> values, List<String> keys) {
        Comparator cmp = Comparator.of(t.string(":comparator"));
        if (t.has(":count")) {
            String rel = t.string(":count").toLowerCase(Locale.ROOT);
            String count = Integer.toString(values.size());
            for (String k : keys) {
                step(t.line(), 1);
                if (relation(rel, cmp.compare(count, k))) return true;
            }
            return false;
        }
        String type = t.firstOf(":is", ":contains", ":matches", ":value", ":regex");
        if (type == null) type = ":is";
        for (String v : values) {
            for (String k : keys) {
                step(t.line(), 1 + (v.length() + k.length()) / 256);
                boolean hit = switch (type) {
                    case ":contains" -> cmp.contains(v, k);
                    case ":matches" -> {
                        long before = steps[0];
                        List<String> caps = Wildcard.match(k, v, cmp, steps);
                        step(t.line(), 0);
                        if (steps[0] - before > limits.maxSteps()) throw fail(t, "script ran too long");
                        if (caps != null && frame.script.requires().contains("variables")) {
                            List<String> mv = new ArrayList<>();
                            for (String c : caps) mv.add(Variables.truncate(c, limits.maxVariableChars()));
                            frame.matchVars = mv;
                        }
                        yield caps != null;
                    }
                    case ":regex" -> regex(t, cmp, v, k);
                    case ":value" -> relation(t.string(":value").toLowerCase(Locale.ROOT), cmp.compare(v, k));
                    default -> cmp.equal(v, k);
                };
                if (hit) return true;
            }
        }
        return false;
    }

    /** draft-ietf-sieve-regex-01 §3: unanchored search; groups become match variables. */
    private boolean regex(Call t, Comparator cmp, String value, String key) {
        java.util.regex.Pattern p = regexCache.get(key + (cmp == Comparator.OCTET ? "\0o" : "\0i"));
        if (p == null) {
            String bad = Regex.check(key);
            if (bad != null) throw fail(t, "bad regular expression \"" + SieveCompiler.printable(key) + "\": " + bad);
            p = Regex.compile(key, cmp != Comparator.OCTET);
            if (regexCache.size() < 256) regexCache.put(key + (cmp == Comparator.OCTET ? "\0o" : "\0i"), p);
        }
        List<String> groups;
        try {
            groups = Regex.find(p, value, steps, limits.maxSteps());
        } catch (Regex.TooLong | StackOverflowError e) {
            throw fail(t, "regular expression ran too long");
        }
        if (groups == null) return false;
        if (frame.script.requires().contains("variables")) {
            List<String> mv = new ArrayList<>();
            for (String g : groups) mv.add(Variables.truncate(g, limits.maxVariableChars()));
            frame.matchVars = mv;
        }
        return true;
    }

    private static boolean relation(String rel, int c) {
        return switch (rel) {
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "eq" -> c == 0;
            default -> c != 0;
        };
    }

    // ---- variables (RFC 5229) ----

    private String expand(String s) {
        if (!frame.script.requires().contains("variables") || !s.contains("${")) return s;
        Frame f = frame;
        return Variables.expand(s, name -> lookup(f, name), limits.maxStringChars());
    }

    private List<String> expandAll(List<String> list) {
        List<String> out = new ArrayList<>(list.size());
        for (String s : list) out.add(expand(s));
        return out;
    }

    private String lookup(Frame f, String name) {
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            int i = Integer.parseInt(name);
            return i < f.matchVars.size() ? f.matchVars.get(i) : null;
        }
        return f.globalNames.contains(name) ? globals.get(name) : f.locals.get(name);
    }

    private void setVariable(Call c, String name, String value) {
        value = Variables.truncate(value, limits.maxVariableChars());
        Map<String, String> target = frame.globalNames.contains(name) ? globals : frame.locals;
        if (!target.containsKey(name) && frame.locals.size() + globals.size() >= limits.maxVariables()) {
            throw fail(c, "more than " + limits.maxVariables() + " variables");
        }
        target.put(name, value);
    }

    // ---- limits and errors ----

    /** An action {@link ActionList} refused is a run-time error on the command's line. */
    private void check(Call c, String refused) {
        if (refused != null) throw fail(c, refused);
    }

    private void step(int line, long n) {
        steps[0] += n;
        if (steps[0] > limits.maxSteps()) throw new Failure(new SieveException(line, "script ran too long (more than " + limits.maxSteps() + " steps)"));
    }

    private Failure fail(Call c, String message) {
        return new Failure(new SieveException(c.line(), message));
    }
}
