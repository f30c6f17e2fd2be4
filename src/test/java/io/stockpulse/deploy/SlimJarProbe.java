package io.stockpulse.deploy;

import ai.onnxruntime.OrtEnvironment;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.nio.charset.StandardCharsets;

/** Run by {@link SlimJarIT} in a JVM whose class path is the slim jar: loads and uses its natives. */
public final class SlimJarProbe {

    private SlimJarProbe() {
    }

    public static void main(String[] args) throws Exception {
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(options, args[0])) {
            db.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
            boolean ok = "v".equals(new String(db.get("k".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            System.out.println("rocksdb read back: " + (ok ? "ok" : "WRONG"));
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment(); // loads the native library from the jar
        System.out.println("onnxruntime: " + env.getVersion() + " providers " + OrtEnvironment.getAvailableProviders());
    }
}
