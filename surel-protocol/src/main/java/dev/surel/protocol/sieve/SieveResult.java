package dev.surel.protocol.sieve;

import java.util.List;

/**
 * What one run of a script decided (RFC 5228 §2.10): the explicit actions in order, whether the
 * implicit keep applies (and with which flags, RFC 5232 §5), the header changes (RFC 5293), the
 * duplicate ids to record once the message is delivered (RFC 7352 §3), and the run-time error
 * when the script failed: then the result is the fallback, implicit keep only (§2.10.6).
 */
public record SieveResult(List<SieveAction> actions, boolean implicitKeep, List<String> implicitKeepFlags,
        List<HeaderEdit> headerEdits, List<DuplicateMark> duplicates, SieveException error) {

    public SieveResult {
        actions = List.copyOf(actions);
        implicitKeepFlags = List.copyOf(implicitKeepFlags);
        headerEdits = List.copyOf(headerEdits);
        duplicates = List.copyOf(duplicates);
    }

    /** An id the duplicate test saw, to be recorded for {@code seconds} after delivery (RFC 7352 §3). */
    public record DuplicateMark(String handle, String id, long seconds) {}

    /**
     * Where the message is stored and with which flags: the keep and fileinto actions and the
     * implicit keep, each mailbox once (INBOX in any case is one mailbox; an implicit keep next to
     * an explicit store into INBOX stores once, with both's flags).
     */
    public java.util.Map<String, List<String>> stores() {
        java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (SieveAction a : actions) {
            switch (a) {
                case SieveAction.Keep k -> out.put("INBOX", k.flags());
                case SieveAction.FileInto f -> out.put(f.mailbox().equalsIgnoreCase("INBOX") ? "INBOX" : f.mailbox(), f.flags());
                default -> {}
            }
        }
        if (implicitKeep) {
            List<String> before = out.get("INBOX");
            out.put("INBOX", before == null ? implicitKeepFlags : SieveInterpreter.mergeFlags(before, implicitKeepFlags));
        }
        return out;
    }

    /** The fallback for a failed run: keep into INBOX, nothing else. */
    public static SieveResult fallback(SieveException error) {
        return new SieveResult(List.of(), true, List.of(), List.of(), List.of(), error);
    }
}
