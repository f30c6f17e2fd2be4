package io.stockpulse.cli;

import io.stockpulse.replay.BundledData;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** {@code --data} where the bundled extract is the default (demo, simulate, bench). */
public final class RetailDataOption {

    @Option(names = "--data", paramLabel = "FILE",
            description = "Retail CSV(.gz) with the Online Retail columns; default: the Dec 2009 – Mar 2010 extract bundled in the jar.")
    Path file;

    /** The given file, or the bundled extract written under {@code workDir}. */
    public Path resolve(Path workDir) throws IOException {
        return file != null ? file : BundledData.extract(workDir);
    }

    /** True when the user named a file (its problems are then theirs to fix, not the jar's). */
    public boolean given() {
        return file != null;
    }
}
