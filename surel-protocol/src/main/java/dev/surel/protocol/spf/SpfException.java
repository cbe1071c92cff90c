package dev.surel.protocol.spf;

/**
 * Evaluation stopped with an error result (RFC 7208 §2.6.6 temperror, §2.6.7 permerror): a syntax
 * error, a processing limit, a DNS failure.
 */
public final class SpfException extends Exception {

    private final SpfResult result;

    public SpfException(SpfResult result, String message) {
        super(message, null, false, false);
        if (result != SpfResult.PERMERROR && result != SpfResult.TEMPERROR) {
            throw new IllegalArgumentException("not an error result: " + result);
        }
        this.result = result;
    }

    static SpfException perm(String message) {
        return new SpfException(SpfResult.PERMERROR, message);
    }

    static SpfException temp(String message) {
        return new SpfException(SpfResult.TEMPERROR, message);
    }

    /** {@link SpfResult#PERMERROR} or {@link SpfResult#TEMPERROR}. */
    public SpfResult result() {
        return result;
    }
}
