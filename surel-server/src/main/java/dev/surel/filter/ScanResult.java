package dev.surel.filter;

/** What a scanner said about one message. */
sealed interface ScanResult {
    /** Nothing found. */
    record Clean() implements ScanResult { }

    /** Malware (clamd's signature name). */
    record Infected(String signature) implements ScanResult { }

    /** Not scanned: the message was larger than the scanner (or [filter] scan_limit) takes. */
    record TooBig() implements ScanResult { }

    /** The scanner was down, timed out or answered nonsense. */
    record Failed(String reason) implements ScanResult { }
}
