package dev.surel.protocol.imap.search;

import dev.surel.protocol.imap.SearchKey;

/**
 * Answers to BODY / TEXT keys known without reading the message, e.g. from a full-text index
 * whose phrase query is an exact substring test ({@link Trigrams}). The {@link SearchEvaluator}
 * asks before it reads a message's header or body text for such a key.
 */
@FunctionalInterface
public interface TextAnswers {

    /** Knows nothing: every BODY / TEXT key is evaluated on the message's text. */
    TextAnswers NONE = (key, uid) -> null;

    /**
     * Whether the message {@code uid} matches {@code key} (a {@link SearchKey.Body} or
     * {@link SearchKey.Text}) exactly as the evaluator would decide it (RFC 9051 §6.4.4), or null
     * when that is not known and the message must be read.
     */
    Boolean answer(SearchKey key, long uid);
}
