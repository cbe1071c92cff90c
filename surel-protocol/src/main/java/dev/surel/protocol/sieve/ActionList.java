package dev.surel.protocol.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The actions of one run and the rules that combine them: implicit keep and what cancels it
 * (RFC 5228 §2.10.2), one store per mailbox and one redirect per address (§2.10.3), one reject
 * and not with keep, fileinto, redirect or vacation (RFC 5429 §2.1, RFC 5230 §4.7), one vacation,
 * and the limits on actions and redirects. Each method answers null when the action is taken,
 * or why it is refused (the interpreter makes that a run-time error on the command's line).
 */
final class ActionList {

    private final SieveLimits limits;
    private final List<SieveAction> actions = new ArrayList<>();
    private boolean implicitKeep = true;
    private boolean hasVacation;
    private boolean hasReject;

    ActionList(SieveLimits limits) {
        this.limits = limits;
    }

    List<SieveAction> actions() {
        return actions;
    }

    boolean implicitKeep() {
        return implicitKeep;
    }

    /** RFC 5228 §4.3 (RFC 5232 §5 flags). */
    String keep(List<String> flags) {
        if (hasReject) return "keep cannot be combined with reject";
        String refused = store("INBOX", flags, false, false, true);
        if (refused == null) implicitKeep = false;
        return refused;
    }

    /** RFC 5228 §4.1, RFC 3894 :copy, RFC 5490 §3.2 :create. */
    String fileInto(String mailbox, List<String> flags, boolean copy, boolean create) {
        if (hasReject) return "fileinto cannot be combined with reject";
        String refused = store(mailbox, flags, copy, create, false);
        if (refused == null && !copy) implicitKeep = false;
        return refused;
    }

    /**
     * Into one mailbox twice stores once (RFC 5228 §2.10.3); the later action's flags replace the
     * earlier's (as Pigeonhole does; RFC 5232 does not say). INBOX is one mailbox in any case.
     */
    private String store(String box, List<String> flags, boolean copy, boolean create, boolean keep) {
        String key = box.equalsIgnoreCase("INBOX") ? "INBOX" : box;
        for (int i = 0; i < actions.size(); i++) {
            SieveAction a = actions.get(i);
            String existing = a instanceof SieveAction.Keep ? "INBOX"
                    : a instanceof SieveAction.FileInto f ? (f.mailbox().equalsIgnoreCase("INBOX") ? "INBOX" : f.mailbox()) : null;
            if (key.equals(existing)) {
                actions.set(i, a instanceof SieveAction.FileInto f
                        ? new SieveAction.FileInto(f.mailbox(), flags, f.copy() && copy, f.create() || create)
                        : new SieveAction.Keep(flags));
                return null;
            }
        }
        return add(keep ? new SieveAction.Keep(flags) : new SieveAction.FileInto(box, flags, copy, create));
    }

    /** RFC 5228 §4.2: once per address, the local part compared exactly and the domain without case (RFC 5321 §2.4). */
    String redirect(Addresses.Addr to, boolean copy) {
        if (hasReject) return "redirect cannot be combined with reject";
        String address = to.domain().isEmpty() ? to.localPart() : to.localPart() + "@" + to.domain().toLowerCase(Locale.ROOT);
        int count = 0;
        for (SieveAction x : actions) {
            if (x instanceof SieveAction.Redirect r) {
                if (r.address().equals(address)) {
                    if (!copy) implicitKeep = false;
                    return null;
                }
                count++;
            }
        }
        if (count >= limits.maxRedirects()) return "more than " + limits.maxRedirects() + " redirects";
        String refused = add(new SieveAction.Redirect(address, copy));
        if (refused == null && !copy) implicitKeep = false;
        return refused;
    }

    /** RFC 5228 §4.4. */
    String discard() {
        String refused = add(new SieveAction.Discard());
        if (refused == null) implicitKeep = false;
        return refused;
    }

    /** RFC 5429 §2.1, §2.2. */
    String reject(String reason, boolean extended) {
        String name = extended ? "ereject" : "reject";
        if (hasReject) return "a second reject";
        for (SieveAction a : actions) {
            if (!(a instanceof SieveAction.Discard)) return name + " cannot be combined with " + name(a);
        }
        String refused = add(new SieveAction.Reject(reason, extended));
        if (refused == null) {
            hasReject = true;
            implicitKeep = false;
        }
        return refused;
    }

    /** RFC 5230 §4: once per run, not with reject (§4.7). */
    String vacation(SieveAction.Vacation v) {
        if (hasVacation) return "a second vacation";
        if (hasReject) return "vacation cannot be combined with reject";
        String refused = add(v);
        if (refused == null) hasVacation = true;
        return refused;
    }

    private String add(SieveAction a) {
        if (actions.size() >= limits.maxActions()) return "more than " + limits.maxActions() + " actions";
        actions.add(a);
        return null;
    }

    private static String name(SieveAction a) {
        return switch (a) {
            case SieveAction.Keep k -> "keep";
            case SieveAction.FileInto f -> "fileinto";
            case SieveAction.Redirect r -> "redirect";
            case SieveAction.Reject r -> "reject";
            case SieveAction.Discard d -> "discard";
            case SieveAction.Vacation v -> "vacation";
        };
    }
}
