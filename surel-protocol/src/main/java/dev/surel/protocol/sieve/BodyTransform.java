package dev.surel.protocol.sieve;

import java.util.List;

/** The body test's transforms (RFC 5173 §5): :raw, :content type-list, :text (the default). */
public sealed interface BodyTransform {

    record Raw() implements BodyTransform {}

    record Text() implements BodyTransform {}

    /** Parts whose Content-Type matches one of {@code types} ("text", "text/html", "" for all; §5.2). */
    record Content(List<String> types) implements BodyTransform {
        public Content {
            types = List.copyOf(types);
        }
    }
}
