package dev.surel.protocol.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code check_host()} function of RFC 7208 §4, over DNS given as {@link SpfDns}.
 *
 * <p>Limits (§4.6.4, §11.1), all giving a defined result:
 * <ul>
 * <li>at most {@value #MAX_DNS_TERMS} mechanisms and modifiers that query DNS ({@code include},
 *     {@code a}, {@code mx}, {@code ptr}, {@code exists}, {@code redirect}) in the whole
 *     evaluation, includes and redirects counted together: beyond, permerror;</li>
 * <li>at most {@value #MAX_VOID_LOOKUPS} void lookups (NXDOMAIN or NODATA for an {@code a},
 *     {@code mx}, {@code ptr} or {@code exists} term): beyond, permerror;</li>
 * <li>an {@code mx} term with more than {@value #MAX_MX_NAMES} MX names is a permerror; a
 *     {@code ptr} term or {@code %{p}} uses the first {@value #MAX_PTR_NAMES} PTR names;</li>
 * <li>an include or redirect chain coming back to a domain being evaluated is a permerror (a loop);</li>
 * <li>the whole evaluation takes at most the time limit ({@link #DEFAULT_TIME_LIMIT} by default, at
 *     least 20 s per §4.6.4): checked before each DNS query; past it, temperror. One query takes at
 *     most what the resolver's own timeout allows.</li>
 * </ul>
 */
public final class SpfEvaluator {

    public static final int MAX_DNS_TERMS = 10;
    public static final int MAX_VOID_LOOKUPS = 2;
    public static final int MAX_MX_NAMES = 10;
    public static final int MAX_PTR_NAMES = 10;
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(20);

    private final SpfDns dns;
    private final Clock clock;
    private final Duration timeLimit;
    private final String receiver;

    /**
     * @param timeLimit the longest one evaluation may take (§4.6.4 asks for at least 20 s; shorter only for tests)
     * @param receiver  the receiving host's name, the {@code %{r}} macro (§7.2)
     */
    public SpfEvaluator(SpfDns dns, Clock clock, Duration timeLimit, String receiver) {
        this.dns = Objects.requireNonNull(dns);
        this.clock = Objects.requireNonNull(clock);
        this.timeLimit = Objects.requireNonNull(timeLimit);
        this.receiver = receiver == null || receiver.isEmpty() ? "unknown" : receiver;
    }

    /**
     * {@code check_host(<ip>, <domain>, <sender>)} (§4.1).
     *
     * @param ip     the SMTP client's address
     * @param domain the domain to check: the sender's domain, or the HELO name (§2.3, §2.4)
     * @param sender the MAIL FROM or {@code postmaster@<HELO>}; an empty local-part becomes
     *               "postmaster" (§4.3)
     * @param helo   the HELO/EHLO name ({@code %{h}})
     */
    public SpfVerdict checkHost(InetAddress ip, String domain, String sender, String helo) {
        String local;
        String senderDomain;
        int at = sender.lastIndexOf('@');
        if (at < 0) {
            local = "postmaster";
            senderDomain = sender;
        } else {
            local = at == 0 ? "postmaster" : sender.substring(0, at);
            senderDomain = sender.substring(at + 1);
        }
        domain = stripDot(domain);
        if (!isValidDomain(domain)) return new SpfVerdict(SpfResult.NONE, null, "no valid domain to check"); // §4.3
        Instant now = clock.instant();
        MacroContext ctx = new MacroContext(ip, local, senderDomain, domain, helo == null ? "" : helo, receiver,
                now.getEpochSecond());
        Run run = new Run(ip, now.plus(timeLimit));
        try {
            return run.evaluate(ctx, true);
        } catch (SpfException e) {
            return new SpfVerdict(e.result(), null, e.getMessage());
        }
    }

    /**
     * RFC 7208 §4.3: a domain to check is at least two labels (a trailing dot aside), each 1-63
     * characters, at most 253 characters, of printable ASCII; not an address literal (no square
     * brackets, a last label not all digits, RFC 3696 §2).
     */
    public static boolean isValidDomain(String domain) {
        String d = stripDot(domain);
        if (d.isEmpty() || d.length() > MacroExpander.MAX_DOMAIN) return false;
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) return false;
        for (String l : labels) {
            if (l.isEmpty() || l.length() > 63) return false;
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == '[' || c == ']') return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String stripDot(String d) {
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    /** The state of one evaluation: counters, the domains being evaluated, the deadline. */
    private final class Run {
        private final InetAddress ip;
        private final boolean v4;
        private final Instant deadline;
        private final Deque<String> stack = new ArrayDeque<>();
        private int dnsTerms;
        private int voidLookups;
        private List<String> validated;

        Run(InetAddress ip, Instant deadline) {
            this.ip = ip;
            this.v4 = ip instanceof Inet4Address;
            this.deadline = deadline;
        }

        /** Evaluates the record of {@code ctx.domain()}; {@code top} = the exp of a fail is wanted (§6.2). */
        SpfVerdict evaluate(MacroContext ctx, boolean top) throws SpfException {
            String domain = ctx.domain();
            String key = domain.toLowerCase(Locale.ROOT);
            if (stack.contains(key)) throw SpfException.perm("include/redirect loop at " + SpfParser.clip(domain));
            SpfRecord record = fetch(domain);
            if (record == null) return new SpfVerdict(SpfResult.NONE, null, "no SPF record at " + SpfParser.clip(domain));
            stack.push(key);
            try {
                for (Directive d : record.directives()) {
                    if (d.mechanism().queriesDns()) countTerm();
                    if (matches(d.mechanism(), ctx)) {
                        SpfResult r = d.qualifier().result();
                        String exp = r == SpfResult.FAIL && top ? explanation(record, ctx) : null;
                        return new SpfVerdict(r, exp, "matched " + describe(d) + " at " + SpfParser.clip(domain));
                    }
                }
                if (record.redirect() != null) { // §6.1
                    countTerm();
                    String target = target(record.redirect(), ctx);
                    SpfVerdict v = isValidDomain(target) ? evaluate(ctx.withDomain(stripDot(target)), top)
                            : new SpfVerdict(SpfResult.NONE, null, "invalid redirect target");
                    if (v.result() == SpfResult.NONE) {
                        throw SpfException.perm("redirect to " + SpfParser.clip(target) + " without an SPF record");
                    }
                    return v;
                }
                return new SpfVerdict(SpfResult.NEUTRAL, null, "no mechanism matched at " + SpfParser.clip(domain)); // §4.7
            } finally {
                stack.pop();
            }
        }

        /** The one SPF record of {@code domain} (§4.4, §4.5), null for none. */
        private SpfRecord fetch(String domain) throws SpfException {
            SpfLookup<String> txt = query(() -> dns.txt(domain));
            List<String> spf = new ArrayList<>();
            switch (txt) {
                case SpfLookup.Temporary<String> t -> throw SpfException.temp("DNS failure for TXT " + SpfParser.clip(domain) + ": " + t.reason());
                case SpfLookup.Void<String> v -> { return null; }
                case SpfLookup.Found<String> f -> {
                    for (String s : f.records()) {
                        if (SpfParser.isSpfRecord(s)) spf.add(s);
                    }
                }
            }
            if (spf.isEmpty()) return null;
            if (spf.size() > 1) throw SpfException.perm("more than one SPF record at " + SpfParser.clip(domain));
            return SpfParser.parse(spf.getFirst());
        }

        private boolean matches(Mechanism m, MacroContext ctx) throws SpfException {
            return switch (m) {
                case Mechanism.All a -> true;
                case Mechanism.Ip4 n -> v4 && inNetwork(ip.getAddress(), n.network(), n.cidr());
                case Mechanism.Ip6 n -> !v4 && inNetwork(ip.getAddress(), n.network(), n.cidr());
                case Mechanism.Include inc -> include(target(inc.domain(), ctx), ctx);
                case Mechanism.A a -> {
                    String t = a.domain() == null ? ctx.domain() : target(a.domain(), ctx);
                    List<InetAddress> addrs = addresses(t, true);
                    yield anyInNetwork(addrs, a.cidr4(), a.cidr6());
                }
                case Mechanism.Mx mx -> {
                    String t = mx.domain() == null ? ctx.domain() : target(mx.domain(), ctx);
                    SpfLookup<String> names = query(() -> dns.mx(t));
                    yield switch (names) {
                        case SpfLookup.Temporary<String> x -> throw SpfException.temp("DNS failure for MX " + SpfParser.clip(t) + ": " + x.reason());
                        case SpfLookup.Void<String> x -> {
                            countVoid();
                            yield false;
                        }
                        case SpfLookup.Found<String> f -> {
                            if (f.records().size() > MAX_MX_NAMES) { // §4.6.4
                                throw SpfException.perm("more than " + MAX_MX_NAMES + " MX names at " + SpfParser.clip(t));
                            }
                            boolean hit = false;
                            for (String host : f.records()) {
                                if (host.isEmpty() || host.equals(".")) continue; // null MX (RFC 7505)
                                if (anyInNetwork(addresses(host, false), mx.cidr4(), mx.cidr6())) {
                                    hit = true;
                                    break;
                                }
                            }
                            yield hit;
                        }
                    };
                }
                case Mechanism.Ptr p -> {
                    String t = (p.domain() == null ? ctx.domain() : target(p.domain(), ctx)).toLowerCase(Locale.ROOT);
                    String target = stripDot(t);
                    boolean hit = false;
                    for (String name : validatedNames(true)) {
                        String n = stripDot(name.toLowerCase(Locale.ROOT));
                        if (n.equals(target) || n.endsWith("." + target)) {
                            hit = true;
                            break;
                        }
                    }
                    yield hit;
                }
                case Mechanism.Exists e -> {
                    String t = target(e.domain(), ctx);
                    SpfLookup<InetAddress> l = query(() -> dns.a(t)); // §5.7: A whatever the connection's family
                    yield switch (l) {
                        case SpfLookup.Temporary<InetAddress> x -> throw SpfException.temp("DNS failure for A " + SpfParser.clip(t) + ": " + x.reason());
                        case SpfLookup.Void<InetAddress> x -> {
                            countVoid();
                            yield false;
                        }
                        case SpfLookup.Found<InetAddress> f -> !f.records().isEmpty();
                    };
                }
            };
        }

        /** §5.2: pass matches; fail, softfail, neutral do not; temperror stays; permerror and none are permerror. */
        private boolean include(String target, MacroContext ctx) throws SpfException {
            if (!isValidDomain(target)) throw SpfException.perm("invalid include target " + SpfParser.clip(target));
            SpfVerdict v = evaluate(ctx.withDomain(stripDot(target)), false);
            return switch (v.result()) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case TEMPERROR -> throw SpfException.temp(v.reason());
                case PERMERROR -> throw SpfException.perm(v.reason());
                case NONE -> throw SpfException.perm("include of " + SpfParser.clip(target) + " without an SPF record");
            };
        }

        /** Addresses of {@code host} of the connection's family (§5); {@code term}: a void answer counts (§4.6.4). */
        private List<InetAddress> addresses(String host, boolean term) throws SpfException {
            SpfLookup<InetAddress> l = query(() -> v4 ? dns.a(host) : dns.aaaa(host));
            return switch (l) {
                case SpfLookup.Temporary<InetAddress> x -> throw SpfException.temp("DNS failure for " + (v4 ? "A " : "AAAA ") + SpfParser.clip(host) + ": " + x.reason());
                case SpfLookup.Void<InetAddress> x -> {
                    if (term) countVoid();
                    yield List.of();
                }
                case SpfLookup.Found<InetAddress> f -> f.records();
            };
        }

        private boolean anyInNetwork(List<InetAddress> addrs, int cidr4, int cidr6) {
            byte[] mine = ip.getAddress();
            for (InetAddress a : addrs) {
                byte[] b = a.getAddress();
                if (b.length == mine.length && inNetwork(mine, b, b.length == 4 ? cidr4 : cidr6)) return true;
            }
            return false;
        }

        /**
         * The validated names of the client (§5.5): its PTR names, the first {@value #MAX_PTR_NAMES},
         * each kept when one of its addresses is the client's; DNS errors skip a name.
         */
        private List<String> validatedNames(boolean term) throws SpfException {
            SpfLookup<String> ptr = query(() -> dns.ptr(ip));
            List<String> names = switch (ptr) {
                case SpfLookup.Temporary<String> x -> List.of(); // §5.5: a DNS error: no match
                case SpfLookup.Void<String> x -> {
                    if (term) countVoid();
                    yield List.of();
                }
                case SpfLookup.Found<String> f -> f.records();
            };
            List<String> valid = new ArrayList<>();
            for (String name : names.subList(0, Math.min(names.size(), MAX_PTR_NAMES))) {
                SpfLookup<InetAddress> l = query(() -> v4 ? dns.a(name) : dns.aaaa(name));
                if (l instanceof SpfLookup.Found<InetAddress> f && f.records().contains(ip)) valid.add(name);
            }
            return valid;
        }

        /** {@code %{p}} (§7.3): a validated name equal to, else under, the domain, else any, else "unknown". */
        private String validatedName(String domain) {
            if (validated == null) { // the names are looked up once per evaluation; the choice depends on the current domain
                try {
                    validated = validatedNames(false);
                } catch (SpfException e) {
                    validated = List.of(); // the time limit: no name
                }
            }
            String d = stripDot(domain.toLowerCase(Locale.ROOT));
            String best = "unknown";
            int rank = 3;
            for (String n : validated) {
                String x = stripDot(n.toLowerCase(Locale.ROOT));
                int r = x.equals(d) ? 0 : x.endsWith("." + d) ? 1 : 2;
                if (r < rank) {
                    rank = r;
                    best = stripDot(n);
                }
            }
            return best;
        }

        /** §6.2: the explanation, or null on any problem (which is not an error of the check). */
        private String explanation(SpfRecord record, MacroContext ctx) {
            if (record.exp() == null) return null;
            try {
                String t = target(record.exp(), ctx);
                if (!isValidDomain(t)) return null;
                SpfLookup<String> txt = query(() -> dns.txt(t));
                if (!(txt instanceof SpfLookup.Found<String> f) || f.records().size() != 1) return null;
                MacroString text = MacroString.parse(f.records().getFirst(), true);
                return MacroExpander.expand(text, ctx, () -> validatedName(ctx.domain()));
            } catch (SpfException e) {
                return null;
            }
        }

        private String target(MacroString spec, MacroContext ctx) throws SpfException {
            return MacroExpander.expandDomain(spec, ctx, () -> validatedName(ctx.domain()));
        }

        private void countTerm() throws SpfException {
            if (++dnsTerms > MAX_DNS_TERMS) throw SpfException.perm("more than " + MAX_DNS_TERMS + " DNS-querying terms");
        }

        private void countVoid() throws SpfException {
            if (++voidLookups > MAX_VOID_LOOKUPS) throw SpfException.perm("more than " + MAX_VOID_LOOKUPS + " void lookups");
        }

        private <T> SpfLookup<T> query(java.util.function.Supplier<SpfLookup<T>> q) throws SpfException {
            if (clock.instant().isAfter(deadline)) throw SpfException.temp("SPF time limit of " + timeLimit.toSeconds() + " s reached");
            return q.get();
        }
    }

    /** Whether the first {@code cidr} bits of {@code ip} and {@code net} agree (§5.6). */
    static boolean inNetwork(byte[] ip, byte[] net, int cidr) {
        if (ip.length != net.length) return false;
        int full = cidr / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != net[i]) return false;
        }
        int rest = cidr % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (ip[full] & mask) == (net[full] & mask);
    }

    private static String describe(Directive d) {
        String name = switch (d.mechanism()) {
            case Mechanism.All x -> "all";
            case Mechanism.Include x -> "include:" + x.domain().text();
            case Mechanism.A x -> "a" + (x.domain() == null ? "" : ":" + x.domain().text());
            case Mechanism.Mx x -> "mx" + (x.domain() == null ? "" : ":" + x.domain().text());
            case Mechanism.Ptr x -> "ptr" + (x.domain() == null ? "" : ":" + x.domain().text());
            case Mechanism.Ip4 x -> "ip4";
            case Mechanism.Ip6 x -> "ip6";
            case Mechanism.Exists x -> "exists:" + x.domain().text();
        };
        return d.qualifier().symbol() + SpfParser.clip(name);
    }
}
