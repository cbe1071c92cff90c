package dev.surel.protocol.imap.search;

import dev.surel.protocol.imap.SearchKey;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Which messages a search program may match, as far as a substring index can tell: the plan a
 * full-text index runs before the exact {@link SearchEvaluator} looks at what it returned.
 *
 * <p>RFC 9051 §6.4.4: BODY and TEXT match case-insensitive substrings. {@code lookup} is given
 * the needle folded as the evaluator folds it ({@link SearchEvaluator#fold}) and answers with a
 * set {@code S} that holds at least every message whose header or body text contains it, or
 * empty when it cannot tell (a needle too short for the index). The plan is sound by induction:
 * a message matching {@code AND(k1..kn)} matches each ki, so it is in the intersection of the
 * sets of those ki that have one; a message matching {@code OR(a, b)} is in the union when both
 * sides have a set; NOT and every other key (flags, dates, sizes, header fields) narrow nothing.
 * The result is empty when nothing in the program narrows the messages.
 */
public final class TextCandidates {

    private TextCandidates() {
    }

    /**
     * @param lookup given a folded needle, the messages that may contain it, or empty
     * @param and    intersection of two sets
     * @param or     union of two sets
     */
    public static <S> Optional<S> plan(SearchKey key, Function<String, Optional<S>> lookup, BinaryOperator<S> and, BinaryOperator<S> or) {
        return switch (key) {
            case SearchKey.Text t -> lookup.apply(SearchEvaluator.fold(t.text()));
            case SearchKey.Body b -> lookup.apply(SearchEvaluator.fold(b.text()));
            case SearchKey.And a -> {
                Optional<S> acc = Optional.empty();
                for (SearchKey k : a.keys()) {
                    Optional<S> p = plan(k, lookup, and, or);
                    if (p.isPresent()) {
                        acc = acc.isEmpty() ? p : Optional.of(and.apply(acc.get(), p.get()));
                    }
                }
                yield acc;
            }
            case SearchKey.Or o -> {
                Optional<S> l = plan(o.left(), lookup, and, or);
                if (l.isEmpty()) {
                    yield Optional.empty();
                }
                Optional<S> r = plan(o.right(), lookup, and, or);
                yield r.isEmpty() ? Optional.empty() : Optional.of(or.apply(l.get(), r.get()));
            }
            case SearchKey.All x -> Optional.empty();
            case SearchKey.Not x -> Optional.empty();
            case SearchKey.Sequence x -> Optional.empty();
            case SearchKey.Uid x -> Optional.empty();
            case SearchKey.Flag x -> Optional.empty();
            case SearchKey.Keyword x -> Optional.empty();
            case SearchKey.New x -> Optional.empty();
            case SearchKey.Old x -> Optional.empty();
            case SearchKey.AddressOrSubject x -> Optional.empty();
            case SearchKey.Header x -> Optional.empty();
            case SearchKey.Date x -> Optional.empty();
            case SearchKey.Size x -> Optional.empty();
            case SearchKey.Modseq x -> Optional.empty();
        };
    }
}
