package dev.surel.store.sql;

import dev.surel.store.StoreEvent;
import java.util.List;

/** A write transaction's result plus the events to publish once it committed. */
record Outcome<T>(T value, List<StoreEvent> events) {
    static <T> Outcome<T> of(T value, List<StoreEvent> events) {
        return new Outcome<>(value, List.copyOf(events));
    }
}
