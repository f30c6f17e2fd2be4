package io.stockpulse.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's jar ({@code target/stockpulse-linux-x86_64.jar}, deploy/Dockerfile): at most
 * 120 MB, no native library of another platform, and on this Linux x86-64 machine its own RocksDB
 * and ONNX Runtime natives load and work (a child JVM with only that jar and {@link SlimJarProbe}).
 */
class SlimJarIT {

    static final Path SLIM = Path.of("target/stockpulse-linux-x86_64.jar");
    static final Path PORTABLE = Path.of("target/stockpulse.jar");

    @Test
    void isAtMost120MbAndCarriesOnlyLinuxX8664Natives() throws IOException {
        assertThat(SLIM).as("run `mvn verify` (package builds the jar)").exists();
        assertThat(Files.size(SLIM)).isLessThanOrEqualTo(120L * 1024 * 1024);
        List<String> natives = natives(SLIM);
        assertThat(natives).contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so", "librocksdbjni-linux64.so");
        assertThat(natives).allSatisfy(name -> assertThat(name).doesNotContainIgnoringCase("win")
                .doesNotContainIgnoringCase("osx").doesNotContainIgnoringCase("darwin").doesNotContainIgnoringCase("mac/")
                .doesNotContain("aarch64").doesNotContain("musl").doesNotEndWith(".dll").doesNotEndWith(".dylib"));
        // The portable jar keeps every platform's natives.
        assertThat(natives(PORTABLE)).contains("librocksdbjni-win64.dll", "librocksdbjni-osx-arm64.jnilib",
                "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib", "ai/onnxruntime/native/win-x64/onnxruntime.dll");
    }

    @Test
    void itsRocksDbAndOnnxRuntimeNativesLoadOnLinuxX8664() throws Exception {
        assertThat(System.getProperty("os.name")).as("the container's platform").startsWith("Linux");
        assertThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
        Path log = Files.createTempFile("slim-jar-probe", ".log");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", SLIM + java.io.File.pathSeparator + "target/test-classes", SlimJarProbe.class.getName(),
                Files.createTempDirectory("slim-jar-rocksdb").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("rocksdb read back: ok").contains("onnxruntime:");
    }

    @Test
    void carriesNoBenchmarkCodeWhileThePortableJarOffersTheBenchCommand() throws Exception {
        assertThat(entries(SLIM)).noneMatch(name -> name.startsWith("io/stockpulse/bench/")
                || name.startsWith("org/openjdk/jmh/") || name.startsWith("org/HdrHistogram/")
                || name.equals("META-INF/BenchmarkList") || name.endsWith("io.stockpulse.cli.PluginCommand"));
        assertThat(entries(PORTABLE)).contains("io/stockpulse/bench/BenchCommand.class", "META-INF/BenchmarkList");
        assertThat(help(SLIM)).contains("simulate").doesNotContain("bench");
        assertThat(help(PORTABLE)).contains("simulate", "bench");
    }

    /** The command list of {@code java -jar JAR --help}. */
    private static String help(Path jar) throws Exception {
        Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--help").redirectErrorStream(true).start();
        String output = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).as(output).isZero();
        return output.substring(output.indexOf("Commands:"));
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static List<String> natives(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib") || n.endsWith(".jnilib"))
                    .forEach(names::add);
        }
        return names;
    }
}
