package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ stand on their own: every relative link and every path they name in
 * backticks that looks like a file of ours resolves inside the repository (nothing points to
 * {@code ../} outside it), and the launcher's environment variables are documented.
 */
class RepositoryDocsTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    static final Pattern CODE_PATH = Pattern.compile("`(\\.\\./[^`\\s]+)`");

    @Test
    void readmeAndDocsLinkOnlyInsideTheRepository() throws Exception {
        List<Path> docs = new ArrayList<>(List.of(REPO.resolve("README.md")));
        try (Stream<Path> s = Files.list(REPO.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        List<String> problems = new ArrayList<>();
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) continue; // https:, mailto:
                Path resolved = doc.getParent().resolve(target).normalize();
                if (!resolved.startsWith(REPO)) problems.add(REPO.relativize(doc) + ": link outside the repository: " + target);
                else if (!Files.exists(resolved)) problems.add(REPO.relativize(doc) + ": broken link: " + target);
            }
            Matcher c = CODE_PATH.matcher(text);
            while (c.find()) {
                Path resolved = doc.getParent().resolve(c.group(1)).normalize();
                if (!resolved.startsWith(REPO)) problems.add(REPO.relativize(doc) + ": path outside the repository: " + c.group(1));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theLaunchersEnvironmentIsDocumented() throws Exception {
        String launcher = Files.readString(REPO.resolve("surel"));
        String readme = Files.readString(REPO.resolve("README.md"));
        String config = Files.readString(REPO.resolve("docs/configuration.md"));
        for (String variable : List.of("SUREL_JAVA_OPTS", "SUREL_LOG_LEVEL", "JAVA_HOME")) {
            assertThat(launcher + Files.readString(REPO.resolve("scripts/jdk.sh"))
                    + Files.readString(REPO.resolve("surel-server/src/main/resources/logback.xml"))).contains(variable);
            assertThat(config).as("docs/configuration.md documents " + variable).contains("`" + variable + "`");
        }
        assertThat(readme).contains("SUREL_JAVA_OPTS");
    }
}
