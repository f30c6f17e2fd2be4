package io.stockpulse.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --work-dir}, shared by the commands that run an embedded broker or extract bundled files. */
public final class WorkDirOption {

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Broker logs, state and extracted bundled files (default: a new temporary directory).")
    Path dir;

    /** The given directory, or a new temporary one named after the command. */
    public Path resolve(String command) throws IOException {
        return dir != null ? dir : Files.createTempDirectory("stockpulse-" + command + "-");
    }
}
