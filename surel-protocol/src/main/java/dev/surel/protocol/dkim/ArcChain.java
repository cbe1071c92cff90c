package dev.surel.protocol.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The ARC sets of a message (RFC 8617 §4.1), checked for form as §5.2 steps 1 to 4 ask: every
 * ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal field has an instance; each
 * instance from 1 to the highest has exactly one of each; the highest seal does not say
 * {@code cv=fail}; instance 1 says {@code cv=none} and every later one {@code cv=pass}.
 */
public final class ArcChain {

    /** RFC 8617 §4.2.1: at most 50 ARC sets. */
    public static final int MAX_INSTANCES = 50;

    static final String RESULTS = "ARC-Authentication-Results";
    static final String SIGNATURE = "ARC-Message-Signature";
    static final String SEAL = "ARC-Seal";

    /**
     * One ARC set.
     *
     * @param instance         i=
     * @param results          the ARC-Authentication-Results field
     * @param messageSignature the ARC-Message-Signature field
     * @param seal             the ARC-Seal field
     * @param sealTags         the seal parsed
     */
    public record ArcSet(int instance, HeaderField results, HeaderField messageSignature, HeaderField seal, ArcSeal sealTags) {

        /** The ARC-Authentication-Results payload after {@code i=N;}: authserv-id and results (RFC 8617 §4.1.1). */
        public String resultsPayload() {
            String v = results.value();
            int semi = v.indexOf(';');
            return semi < 0 ? "" : v.substring(semi + 1).strip();
        }
    }

    /** What the header section holds. */
    public sealed interface Outcome {
    }

    /** No ARC field at all: {@code arc=none}. */
    public record Absent() implements Outcome {
    }

    /** ARC fields that do not form a valid chain: {@code arc=fail}. */
    public record Broken(String reason) implements Outcome {
    }

    /** A well-formed chain, sets in instance order from 1; its signatures are yet to be checked. */
    public record Chain(List<ArcSet> sets) implements Outcome {
        public Chain {
            sets = List.copyOf(sets);
        }

        /** The set with the highest instance. */
        public ArcSet latest() {
            return sets.getLast();
        }
    }

    private ArcChain() {
    }

    /**
     * The ARC chain of a header section.
     *
     * @param limit the most sets looked at (a chain longer than that is broken for us, below the RFC's 50)
     */
    public static Outcome of(List<HeaderField> headers, int limit) {
        TreeMap<Integer, HeaderField> results = new TreeMap<>();
        TreeMap<Integer, HeaderField> signatures = new TreeMap<>();
        TreeMap<Integer, HeaderField> seals = new TreeMap<>();
        TreeMap<Integer, ArcSeal> parsedSeals = new TreeMap<>();
        int fields = 0;
        for (HeaderField f : headers) {
            TreeMap<Integer, HeaderField> into;
            if (f.name().equalsIgnoreCase(RESULTS)) {
                into = results;
            } else if (f.name().equalsIgnoreCase(SIGNATURE)) {
                into = signatures;
            } else if (f.name().equalsIgnoreCase(SEAL)) {
                into = seals;
            } else {
                continue;
            }
            if (++fields > 3 * Math.min(limit, MAX_INSTANCES)) {
                return new Broken("more than " + Math.min(limit, MAX_INSTANCES) + " ARC sets");
            }
            int i;
            try {
                if (into == seals) {
                    ArcSeal seal = ArcSeal.parse(f.value());
                    i = seal.instance();
                    parsedSeals.put(i, seal);
                } else {
                    i = instanceOf(f, into == results);
                }
            } catch (DkimException e) {
                return new Broken(f.name() + ": " + e.getMessage());
            }
            if (into.putIfAbsent(i, f) != null) {
                return new Broken("two " + f.name() + " fields with i=" + i);
            }
        }
        if (fields == 0) {
            return new Absent();
        }
        int highest = 0;
        for (TreeMap<Integer, HeaderField> m : List.of(results, signatures, seals)) {
            highest = m.isEmpty() ? highest : Math.max(highest, m.lastKey());
        }
        if (highest > limit) {
            return new Broken(highest + " ARC sets, more than the " + limit + " checked");
        }
        List<ArcSet> sets = new ArrayList<>();
        for (int i = 1; i <= highest; i++) {
            if (!results.containsKey(i) || !signatures.containsKey(i) || !seals.containsKey(i)) {
                return new Broken("ARC set " + i + " is incomplete");
            }
            sets.add(new ArcSet(i, results.get(i), signatures.get(i), seals.get(i), parsedSeals.get(i)));
        }
        if (sets.getLast().sealTags().status() == ArcSeal.ChainStatus.FAIL) {
            return new Broken("the last sealer found the chain failed (cv=fail)");
        }
        for (ArcSet s : sets) {
            ArcSeal.ChainStatus want = s.instance() == 1 ? ArcSeal.ChainStatus.NONE : ArcSeal.ChainStatus.PASS;
            if (s.sealTags().status() != want) {
                return new Broken("ARC-Seal i=" + s.instance() + " has cv=" + s.sealTags().status().tag() + ", not " + want.tag());
            }
        }
        return new Chain(sets);
    }

    /** The i= of an ARC-Authentication-Results field (its value starts {@code i=N;}) or of an ARC-Message-Signature. */
    private static int instanceOf(HeaderField f, boolean results) throws DkimException {
        if (results) {
            String v = f.value();
            int semi = v.indexOf(';');
            if (semi < 0) {
                throw new DkimException("no instance");
            }
            String tag = TagList.trimFws(v.substring(0, semi));
            if (!tag.startsWith("i") || !TagList.trimFws(tag.substring(1)).startsWith("=")) {
                throw new DkimException("does not start with i=");
            }
            return ArcSeal.instance(TagList.trimFws(TagList.trimFws(tag.substring(1)).substring(1)));
        }
        return ArcSeal.instance(TagList.parse(f.value()).require("i"));
    }
}
