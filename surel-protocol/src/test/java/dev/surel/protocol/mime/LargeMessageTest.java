package dev.surel.protocol.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 20 MB message parses in a JVM whose heap (24 MB) is barely larger than the message itself,
 * proving the parser streams; the message is generated on the fly, never held by the test either.
 */
class LargeMessageTest {

    @Test
    void twentyMegabyteMessagesParseWithATinyHeap() throws Exception {
        long lines = 20L * 1024 * 1024 / GeneratedMessage.LINE.length();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx24m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LargeMessageMain.class.getName(), Long.toString(lines)))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        assertThat(out).contains("OK TEXT", "OK MULTIPART", "OK ONE_LINE").doesNotContain("FAIL");
        assertThat(exit).as(out).isZero();
    }
}
