package dev.surel.protocol.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A parsed DKIM-Signature header field (RFC 6376 §3.5). Unknown tags are ignored (§3.2); the
 * required tags v, a, b, bh, d, h and s must be present, v must be 1, h must contain From
 * (§5.4), an i= domain must be d or a subdomain of it (§3.5), q= must allow dns/txt and x= must
 * not be before t=.
 *
 * @param algorithm   a=
 * @param signature   b= decoded
 * @param bodyHash    bh= decoded
 * @param headerCanon c= header part (default simple)
 * @param bodyCanon   c= body part (default simple)
 * @param domain      d= (the SDID), lower-cased
 * @param signedHeaders h=, names as written
 * @param identity    i= (the AUID), default "@" + d
 * @param bodyLength  l=, if present
 * @param selector    s=
 * @param timestamp   t= (seconds since the epoch), if present
 * @param expiration  x=, if present
 * @param tags        all tags as parsed
 */
public record DkimSignature(String algorithmTag, DkimAlgorithm algorithm, byte[] signature, byte[] bodyHash,
        Canonicalization headerCanon, Canonicalization bodyCanon, String domain, List<String> signedHeaders,
        String identity, OptionalLong bodyLength, String selector, OptionalLong timestamp, OptionalLong expiration,
        TagList tags) {

    /** Parses the value of a DKIM-Signature field (the text after the colon). */
    public static DkimSignature parse(String value) throws DkimException {
        TagList tags = TagList.parse(value);
        if (!"1".equals(tags.require("v"))) {
            throw new DkimException("unsupported version v=" + tags.require("v"));
        }
        return parse(tags, false);
    }

    /**
     * Parses the value of an ARC-Message-Signature field (RFC 8617 §4.1.2): the DKIM-Signature
     * tags without v=, i= being the instance (checked by {@link ArcChain}), not an identity; the
     * result's identity is "@" + d. ARC-Seal fields must not be signed; From need not be.
     */
    static DkimSignature parseArcMessageSignature(String value) throws DkimException {
        TagList tags = TagList.parse(value);
        Map<String, String> without = new LinkedHashMap<>(tags.tags());
        without.remove("i");
        without.remove("v");
        DkimSignature sig = parse(new TagList(without), true);
        if (sig.signedHeaders().stream().anyMatch(n -> n.equalsIgnoreCase("ARC-Seal"))) {
            throw new DkimException("ARC-Seal is signed by the ARC-Message-Signature (RFC 8617 §4.1.2 forbids it)");
        }
        return sig;
    }

    private static DkimSignature parse(TagList tags, boolean arc) throws DkimException {
        String a = tags.require("a");
        DkimAlgorithm algorithm = DkimAlgorithm.fromTag(a)
                .orElseThrow(() -> new DkimException("unsupported algorithm a=" + a));
        byte[] b = base64(tags.require("b"), "b");
        byte[] bh = base64(tags.require("bh"), "bh");
        String d = tags.require("d").toLowerCase(Locale.ROOT);
        if (d.isEmpty()) {
            throw new DkimException("empty d=");
        }
        String s = tags.require("s");
        if (s.isEmpty()) {
            throw new DkimException("empty s=");
        }
        List<String> h = new ArrayList<>();
        for (String name : tags.require("h").split(":", -1)) {
            String n = TagList.trimFws(name);
            if (n.isEmpty()) {
                throw new DkimException("empty header name in h=");
            }
            h.add(n);
        }
        if (!arc && h.stream().noneMatch(n -> n.equalsIgnoreCase("from"))) {
            throw new DkimException("From is not signed (h= must contain From, RFC 6376 §5.4)");
        }
        Canonicalization hc = Canonicalization.SIMPLE;
        Canonicalization bc = Canonicalization.SIMPLE;
        if (tags.get("c").isPresent()) {
            String[] c = tags.get("c").get().split("/", -1);
            if (c.length > 2) {
                throw new DkimException("bad c=");
            }
            hc = Canonicalization.fromTag(c[0]).orElseThrow(() -> new DkimException("unknown canonicalization " + c[0]));
            if (c.length == 2) {
                bc = Canonicalization.fromTag(c[1]).orElseThrow(() -> new DkimException("unknown canonicalization " + c[1]));
            }
        }
        String i = tags.get("i").orElse("@" + d);
        int at = i.lastIndexOf('@');
        if (at < 0) {
            throw new DkimException("i= has no @");
        }
        String iDomain = i.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!iDomain.equals(d) && !iDomain.endsWith("." + d)) {
            throw new DkimException("i= domain " + iDomain + " is not within d=" + d);
        }
        if (tags.get("q").isPresent()
                && java.util.Arrays.stream(tags.get("q").get().split(":")).map(TagList::trimFws).noneMatch("dns/txt"::equalsIgnoreCase)) {
            throw new DkimException("q= does not offer dns/txt");
        }
        OptionalLong l = number(tags, "l");
        OptionalLong t = number(tags, "t");
        OptionalLong x = number(tags, "x");
        if (t.isPresent() && x.isPresent() && x.getAsLong() < t.getAsLong()) {
            throw new DkimException("x= is before t=");
        }
        return new DkimSignature(a, algorithm, b, bh, hc, bc, d, List.copyOf(h), i, l, s, t, x, tags);
    }

    private static OptionalLong number(TagList tags, String name) throws DkimException {
        if (tags.get(name).isEmpty()) {
            return OptionalLong.empty();
        }
        String v = tags.get(name).get();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DkimException("bad number in " + name + "=");
        }
        return OptionalLong.of(Long.parseLong(v));
    }

    static byte[] base64(String value, String tag) throws DkimException {
        try {
            return Base64.getDecoder().decode(TagList.compact(value));
        } catch (IllegalArgumentException e) {
            throw new DkimException("bad base64 in " + tag + "=");
        }
    }
}
