package dev.surel.store;

import java.util.List;

/** What {@code ./surel check} prints: the problems found (empty when the store is sound). */
public record CheckReport(List<String> problems, long mailboxes, long messages, long blobs) {
    public boolean ok() { return problems.isEmpty(); }
}
