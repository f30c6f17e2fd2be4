package io.stockpulse.app;

import org.apache.kafka.common.config.ConfigDef;

import java.util.List;

/** Renders the configuration table of the README from the one {@link ConfigDef}, so docs and code agree. */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| key | environment variable | default | valid values | description |\n");
        out.append("|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : StockPulseConfig.DEFINITION.configKeys().values()) {
            Object defaultValue = key.defaultValue;
            String shownDefault = !key.hasDefault() ? "*(required)*"
                    : key.name.equals(StockPulseConfig.STATE_DIR) ? "`${java.io.tmpdir}/stockpulse`"
                    : "`" + (defaultValue instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                    : String.valueOf(defaultValue)) + "`";
            out.append("| `").append(key.name).append("` | `").append(StockPulseConfig.envName(key.name)).append("` | ")
                    .append(shownDefault).append(" | ")
                    .append(key.validator == null ? "" : key.validator.toString().replace("|", "\\|")).append(" | ")
                    .append(key.documentation.replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
