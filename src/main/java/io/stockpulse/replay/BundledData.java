package io.stockpulse.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The four months of UCI Online Retail (CC BY 4.0) bundled in the jar, for {@code demo} and {@code simulate}. */
public final class BundledData {

    static final String RESOURCE = "/datasets/online-retail-2009-12-to-2010-03.csv.gz";

    private BundledData() {
    }

    /** Copies the bundled file into {@code work} and returns its path. */
    public static Path extract(Path work) throws IOException {
        Path target = work.resolve("online-retail-2009-12-to-2010-03.csv.gz");
        try (InputStream in = BundledData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the jar has no " + RESOURCE);
            }
            Files.createDirectories(work);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
