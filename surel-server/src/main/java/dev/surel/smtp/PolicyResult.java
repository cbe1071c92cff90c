package dev.surel.smtp;

import dev.surel.protocol.smtp.SmtpReply;

/**
 * What a policy hook decides about a step of a transaction (sender, recipient, message):
 * accept (with a value for the session), defer with a 4xx reply, or reject with a 5xx reply.
 */
sealed interface PolicyResult<T> {

    record Accept<T>(T value) implements PolicyResult<T> { }

    record Defer<T>(SmtpReply reply) implements PolicyResult<T> {
        public Defer {
            if (!reply.transientFailure()) throw new IllegalArgumentException("a deferral is 4xx: " + reply);
        }
    }

    record Reject<T>(SmtpReply reply) implements PolicyResult<T> {
        public Reject {
            if (!reply.permanentFailure()) throw new IllegalArgumentException("a rejection is 5xx: " + reply);
        }
    }

    static <T> PolicyResult<T> accept(T value) {
        return new Accept<>(value);
    }

    static <T> PolicyResult<T> defer(int code, String enhanced, String text) {
        return new Defer<>(SmtpReply.of(code, enhanced, text));
    }

    static <T> PolicyResult<T> reject(int code, String enhanced, String text) {
        return new Reject<>(SmtpReply.of(code, enhanced, text));
    }
}
