package dev.surel.cli;

import dev.surel.admin.ServerStatus;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        out.add("disk_free: " + (s.diskFree() < 0 ? "unknown" : s.diskFree() + " (" + size(s.diskFree()) + ")"));
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
                + size(st.bytes()) + ") files=" + st.files() + " file_bytes=" + st.fileBytes() + " (" + size(st.fileBytes()) + ")");
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

    /** "512 B", "4.0 KiB", "55.3 MiB", "12.3 GiB". */
    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
