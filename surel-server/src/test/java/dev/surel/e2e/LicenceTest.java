package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository carries its licence: {@code LICENSE} is the Apache License 2.0 in full, and
 * {@code NOTICE} names every library Surel runs with (each runtime jar on this module's class
 * path, at its version) with its licence, and carries the NOTICE texts of the Apache-licensed
 * ones that have one. A new runtime dependency without a line in NOTICE fails here.
 * ({@link LauncherTest} checks that the built jar carries both files.)
 */
class LicenceTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    /** Jars on the test class path that are for tests only (JUnit, Jazzer, ArchUnit, AssertJ, the test mail client). */
    static final Pattern TEST_ONLY = Pattern.compile(
            "(junit-.*|jazzer.*|archunit|opentest4j|apiguardian-api|jspecify|assertj-core|byte-buddy.*|angus-.*|jakarta\\..*|surefire.*|"
                    + "common-java5|common-junit.*|surel-protocol|password4j)");
    static final Pattern JAR = Pattern.compile("(.+)-(\\d[^/]*)\\.jar");

    @Test
    void licenceIsApacheTwoInFull() throws Exception {
        String licence = Files.readString(REPO.resolve("LICENSE"));
        assertThat(licence).contains("Apache License", "Version 2.0, January 2004", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
                "4. Redistribution.", "9. Accepting Warranty or Additional Liability.", "END OF TERMS AND CONDITIONS",
                "APPENDIX: How to apply the Apache License to your work.");
        assertThat(licence.lines().count()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void noticeNamesEveryRuntimeLibraryWithItsLicence() throws Exception {
        String notice = Files.readString(REPO.resolve("NOTICE"));
        assertThat(notice).startsWith("Surel mail server\nCopyright").contains("Apache License, Version 2.0");
        List<String> missing = new ArrayList<>();
        int libraries = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Matcher m = JAR.matcher(Path.of(entry).getFileName().toString());
            if (!entry.contains(File.separator + ".m2" + File.separator) || !m.matches() || TEST_ONLY.matcher(m.group(1)).matches()) {
                continue;
            }
            libraries++;
            String artifact = m.group(1);
            String version = m.group(2);
            Matcher line = Pattern.compile("(?m)^.*\\b" + Pattern.quote(artifact) + "\\b.*$").matcher(notice);
            if (!line.find()) {
                missing.add(artifact + " " + version + ": not in NOTICE");
            } else if (!notice.contains(version)) {
                missing.add(artifact + ": NOTICE does not name version " + version);
            }
        }
        assertThat(libraries).as("runtime libraries found on the class path").isGreaterThanOrEqualTo(15);
        assertThat(missing).isEmpty();
        assertThat(notice).contains("Apache James :: Mime4j :: Core", "Apache James :: Mime4j :: DOM", "Apache Commons IO")
                .contains("MIT License", "BSD-2-Clause", "BSD-3-Clause", "Eclipse Public License 2.0", "Lesser General Public License 2.1");
    }
}
