package dev.surel.protocol.sieve;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Test helper: runs a script against a message text and writes the result as one short line. */
final class SieveRun implements SieveEnvironment {

    ZonedDateTime now = ZonedDateTime.parse("2026-12-07T10:15:30+01:00");
    final Set<String> mailboxes = new HashSet<>();
    int spam;
    int spamPercent = -1;
    int virus;
    final Set<String> seen = new HashSet<>();
    final Map<String, String> scripts = new HashMap<>();
    String envelopeFrom = "sender@example.com";
    String envelopeTo = "user+box@example.org";
    SieveLimits limits = SieveLimits.DEFAULT;
    long vacationMin = 86_400;

    static final String MESSAGE = """
            Date: Mon, 7 Dec 2026 09:00:00 -0500\r
            From: "Sender Name" <sender@example.com>\r
            To: user+box@example.org, other@example.net\r
            Cc: Group: a@group.example, b@group.example;\r
            Subject: =?UTF-8?Q?caf=C3=A9?= meeting\r
            Message-ID: <id1@example.com>\r
            X-Priority: 3\r
            X-Priority: 10\r
            \r
            Hello, this is the body.\r
            Second line.\r
            """;

    SieveResult run(String script) throws SieveException {
        return run(script, MESSAGE);
    }

    SieveResult run(String script, String message) throws SieveException {
        SieveScript s = SieveCompiler.compile(script, limits);
        SieveMessage m = MimeSieveMessage.of(message.getBytes(StandardCharsets.UTF_8), envelopeFrom, envelopeTo);
        return SieveInterpreter.run(s, m, this, limits);
    }

    /** The result as "action; action; implicit keep": e.g. {@code fileinto Work [\Seen]; keep}. */
    String describe(String script) throws SieveException {
        return describe(run(script));
    }

    String describe(String script, String message) throws SieveException {
        return describe(run(script, message));
    }

    static String describe(SieveResult r) {
        List<String> out = new ArrayList<>();
        if (r.error() != null) out.add("error " + r.error().getMessage());
        for (SieveAction a : r.actions()) {
            out.add(switch (a) {
                case SieveAction.Keep k -> "keep" + flags(k.flags());
                case SieveAction.FileInto f -> "fileinto " + f.mailbox() + flags(f.flags()) + (f.copy() ? " :copy" : "")
                        + (f.create() ? " :create" : "");
                case SieveAction.Redirect d -> "redirect " + d.address() + (d.copy() ? " :copy" : "");
                case SieveAction.Reject j -> (j.extended() ? "ereject " : "reject ") + j.reason();
                case SieveAction.Discard d -> "discard";
                case SieveAction.Vacation v -> "vacation " + v.seconds() + "s subject=" + v.subject() + " from=" + v.from()
                        + " addresses=" + v.addresses() + (v.mime() ? " mime" : "") + " handle=" + v.handle() + " reason=" + v.reason();
            });
        }
        for (HeaderEdit e : r.headerEdits()) out.add(e.toString());
        if (r.implicitKeep()) out.add("implicit keep" + flags(r.implicitKeepFlags()));
        return String.join("; ", out);
    }

    private static String flags(List<String> f) {
        return f.isEmpty() ? "" : " " + f;
    }

    @Override
    public ZonedDateTime now() {
        return now;
    }

    @Override
    public long vacationMinSeconds() {
        return vacationMin;
    }

    @Override
    public boolean mailboxExists(String mailbox) {
        return mailboxes.contains(mailbox);
    }

    @Override
    public int spamTest() {
        return spam;
    }

    @Override
    public int spamTestPercent() {
        return spamPercent;
    }

    @Override
    public int virusTest() {
        return virus;
    }

    @Override
    public boolean duplicateSeen(String handle, String id) {
        return seen.contains(handle + "|" + id);
    }

    @Override
    public Optional<String> script(String name, boolean global) {
        return Optional.ofNullable(scripts.get((global ? "global:" : "") + name));
    }
}
