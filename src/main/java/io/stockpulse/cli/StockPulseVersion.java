package io.stockpulse.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this build, from the pom (Maven filters {@code io/stockpulse/version.properties}),
 * so that {@code stockpulse -V} and the pom cannot disagree.
 */
public final class StockPulseVersion implements CommandLine.IVersionProvider {

    static final String RESOURCE = "/io/stockpulse/version.properties";

    /** The pom's {@code project.version}, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = StockPulseVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{"StockPulse " + version()};
    }
}
