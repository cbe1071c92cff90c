package dev.surel.cli;

import dev.surel.admin.ServerStatus;
import dev.surel.text.Sizes;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code surel status} as text: one {@code key: value} line per fact, numbers in plain digits
 * (for scripts) and sizes also in binary units (for people):
 *
 * <pre>
 * status: running
 * pid: 4242
 * user: surel
 * version: 0.1.0
 * started: 2026-12-01T10:00:00Z
 * uptime: 7985s (2h13m5s)
 * data_dir: /var/lib/surel
 * disk_free: 13207024435 (12.3 GiB)
 * listen: smtp 0.0.0.0:25 connections=3
 * listen: imap 0.0.0.0:143 connections=12
 * connections: smtp=3 imap=12 pop3=0 total=15 max=10000
 * queue: messages=4 recipients=6 deferred=2
 * store: accounts=3 messages=1234 bytes=58000000 (55.3 MiB) files=1100 file_bytes=52500000 (50.1 MiB)
 * </pre>
 */
final class StatusReport {

    private StatusReport() {
    }

    static List<String> lines(ServerStatus s, String version) {
        List<String> out = new ArrayList<>();
        out.add("status: running");
        out.add("pid: " + s.pid());
        out.add("user: " + s.user());
        out.add("version: " + version);
        out.add("started: " + s.startedAt().truncatedTo(ChronoUnit.SECONDS));
        long up = Math.max(0, s.uptime().toSeconds());
        out.add("uptime: " + up + "s" + (up >= 60 ? " (" + duration(s.uptime()) + ")" : ""));
        out.add("data_dir: " + s.dataDir());
        out.add("disk_free: " + (s.diskFree() < 0 ? "unknown" : s.diskFree() + " (" + Sizes.human(s.diskFree()) + ")"));
        int smtp = 0;
        int imap = 0;
        int pop3 = 0;
        for (ServerStatus.Listening l : s.listeners()) {
            out.add("listen: " + l.name() + " " + l.address() + " connections=" + l.connections());
            switch (l.protocol()) {
                case "smtp" -> smtp += l.connections();
                case "imap" -> imap += l.connections();
                default -> pop3 += l.connections();
            }
        }
        out.add("connections: smtp=" + smtp + " imap=" + imap + " pop3=" + pop3 + " total=" + (smtp + imap + pop3)
                + " max=" + s.maxConnections());
        var q = s.queue();
        out.add("queue: messages=" + q.messages() + " recipients=" + q.recipients() + " deferred=" + q.deferred());
        var st = s.store();
        out.add("store: accounts=" + st.accounts() + " messages=" + st.messages() + " bytes=" + st.bytes() + " ("
                + Sizes.human(st.bytes()) + ") files=" + st.files() + " file_bytes=" + st.fileBytes() + " (" + Sizes.human(st.fileBytes()) + ")");
        return out;
    }

    /** "3d4h5m6s", "2h0m5s", "42s". */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        long days = s / 86_400;
        long h = s / 3600 % 24;
        long m = s / 60 % 60;
        long sec = s % 60;
        if (days > 0) return days + "d" + h + "h" + m + "m" + sec + "s";
        if (h > 0) return h + "h" + m + "m" + sec + "s";
        if (m > 0) return m + "m" + sec + "s";
        return sec + "s";
    }
}
