package dev.surel.transfer;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes an mboxrd file as mutt or Dovecot would (written independently of Surel's writer):
 * "From " lines with asctime dates (local time; some with a numeric zone), {@code >} before body
 * lines of {@code From }/{@code >From }, Status / X-Status / X-Keywords fields for flags.
 */
final class TestMbox {

    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    private TestMbox() {
    }

    static List<Expected> write(Path file, String folder, int count, long seed) throws IOException {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] lf = MailGen.message(r, 5000 + i);
            // noon, local time: no daylight-saving gap or overlap
            ZonedDateTime date = Instant.ofEpochSecond(1_100_000_000L + 86_400L * r.nextInt(7000)).atZone(ZoneId.systemDefault())
                    .withHour(12).withMinute(r.nextInt(60)).withSecond(r.nextInt(60));
            String from = "From sender@example.org " + ASCTIME.format(date) + (i % 2 == 0 ? " " + date.getOffset().getId().replace(":", "").replace("Z", "+0000") : "");
            out.writeBytes((from + "\n").getBytes(StandardCharsets.US_ASCII));
            EnumSet<Flag> system = EnumSet.noneOf(Flag.class);
            Set<String> keywords = new LinkedHashSet<>();
            StringBuilder status = new StringBuilder();
            if (r.nextBoolean()) system.add(Flag.SEEN);
            status.append("Status: ").append(system.contains(Flag.SEEN) ? "RO" : "O").append('\n');
            StringBuilder x = new StringBuilder();
            if (r.nextInt(4) == 0) { system.add(Flag.ANSWERED); x.append('A'); }
            if (r.nextInt(5) == 0) { system.add(Flag.FLAGGED); x.append('F'); }
            if (r.nextInt(9) == 0) { system.add(Flag.DRAFT); x.append('T'); }
            if (r.nextInt(12) == 0) { system.add(Flag.DELETED); x.append('D'); }
            if (!x.isEmpty()) status.append("X-Status: ").append(x).append('\n');
            if (r.nextInt(3) == 0) {
                keywords.add("Work");
                keywords.add("$label1");
                status.append("X-Keywords: Work, $label1\n");
            }
            String text = new String(lf, StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\n\n") + 1;
            String header = text.substring(0, headerEnd);
            String body = text.substring(headerEnd);
            // status fields at the top of the header for some messages, at its end for the others
            String withStatus = i % 2 == 0 ? status + header : header + status;
            StringBuilder escaped = new StringBuilder();
            for (String line : body.split("\n", -1)) {
                if (line.matches(">*From .*")) escaped.append('>');
                escaped.append(line).append('\n');
            }
            escaped.setLength(escaped.length() - 1); // split's last element was after the final LF
            out.writeBytes((withStatus + escaped).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            expected.add(Expected.of(folder, MailGen.crlf(lf), new Flags(system, keywords), date.toEpochSecond()));
        }
        Files.write(file, out.toByteArray());
        return expected;
    }
}
