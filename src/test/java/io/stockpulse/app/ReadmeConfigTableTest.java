package io.stockpulse.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration page's table (docs/configuration.md) is generated from the ConfigDef; this fails when they differ.
 * Regenerate between the markers with {@code mvn test -Dtest=ReadmeConfigTableTest -Dstockpulse.update-readme=true}.
 */
class ReadmeConfigTableTest {

    private static final String BEGIN = "<!-- config-table:begin -->\n";
    private static final String END = "<!-- config-table:end -->";

    @Test
    void readmeListsEverySettingAsTheCodeDefinesIt() throws IOException {
        Path readme = Path.of("docs/configuration.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README has the config-table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String table = ConfigDocs.markdownTable();
        if (Boolean.getBoolean("stockpulse.update-readme")) {
            text = text.substring(0, begin + BEGIN.length()) + table + text.substring(end);
            Files.writeString(readme, text);
        }
        assertThat(text.substring(begin + BEGIN.length(), text.indexOf(END))).isEqualTo(table);
    }
}
