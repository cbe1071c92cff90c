package dev.surel.dns;

/**
 * An SRV record (RFC 2782): the target is lower case without the final dot; "." (service not
 * offered, RFC 2782 and RFC 6186 §4) is the empty string.
 */
public record Srv(int priority, int weight, int port, String target) {
    /** The service is decidedly not available at this domain. */
    public boolean notOffered() {
        return target.isEmpty();
    }
}
