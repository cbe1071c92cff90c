package dev.surel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must list exactly the keys the loader accepts, with their defaults. */
class ConfigDocsTest {

    @Test
    void documentationMatchesTheSchema() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        assertThat(doc).exists();
        String generated = ConfigDocs.generatedPart(Files.readString(doc));
        assertThat(generated)
                .as("docs/configuration.md is out of date: regenerate its key reference with ./surel config-docs --write docs/configuration.md")
                .isEqualTo(ConfigDocs.reference());
        for (Setting<?> s : ConfigSchema.ALL) {
            assertThat(generated).contains("`" + s.name() + "`");
        }
    }
}
