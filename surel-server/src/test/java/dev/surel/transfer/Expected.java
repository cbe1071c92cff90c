package dev.surel.transfer;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One message as a test expects it in Surel (or finds it there): folder, SHA-256 and size of the
 * stored octets, flags, internal date to the second.
 */
record Expected(String folder, String sha256, long size, Set<Flag> system, Set<String> keywords, long epochSecond) {

    Expected {
        system = system.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(system));
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }

    static Expected of(String folder, byte[] stored, Flags flags, long epochSecond) {
        return new Expected(folder, MailGen.sha256(stored), stored.length, flags.system(), flags.keywords(), epochSecond);
    }

    static final Comparator<Expected> ORDER = Comparator.comparing(Expected::folder).thenComparingLong(Expected::epochSecond)
            .thenComparing(Expected::sha256);

    /** Sorted, to compare two multisets one message after the other. */
    static List<Expected> sorted(List<Expected> in) {
        return in.stream().sorted(ORDER).toList();
    }
}
