package io.stockpulse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.util.Locale;

/** The state-footprint and restore benchmark's options of {@code stockpulse bench}. */
final class FootprintOptions {

    @Option(names = "--footprint-skus", defaultValue = "100000", description = "SKU x location series filled for the state footprint and restore (default: ${DEFAULT-VALUE}).")
    int skus;

    @Option(names = "--footprint-days", defaultValue = "730", description = "Days of history per series (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--footprint-sales-per-sku", defaultValue = "4", description = "Sales per series, spread evenly over the days (default: ${DEFAULT-VALUE}).")
    int salesPerSku;

    /** Tiny sizes for {@code --smoke}. */
    void smoke() {
        skus = 200;
        days = 60;
        salesPerSku = 3;
    }

    StateFootprintBench.Settings settings() {
        return new StateFootprintBench.Settings(skus, days, salesPerSku, 365);
    }

    /** The measured footprint as a table section and as the JSON's {@code stateFootprint}. */
    void report(StateFootprintBench.Result r, ObjectNode json, StringBuilder table) {
        table.append(String.format(Locale.ROOT, "%nState footprint and restore, %,d SKU x location series, %d days of history "
                + "each (%d sales per series, %,d events; filled in %.1f s)%n", skus, days,
                salesPerSku, r.events(), r.fillSeconds()));
        table.append(String.format(Locale.ROOT, "state directory (RocksDB, closed)  %,d bytes = %,.0f bytes per series%n",
                r.stateBytes(), r.stateBytesPerSku()));
        table.append(String.format(Locale.ROOT, "  of which RocksDB data (.sst)      %,d bytes = %,.0f bytes per series%n",
                r.sstBytes(), (double) r.sstBytes() / skus));
        table.append(String.format(Locale.ROOT, "  sku-state, current records only  %,d bytes = %,.0f bytes per series (%,d states)%n",
                r.liveStateBytes(), (double) r.liveStateBytes() / Math.max(1, r.liveStates()), r.liveStates()));
        r.storeBytes().forEach((store, bytes) -> table.append(String.format(Locale.ROOT, "  %-32s %,d bytes%n", store, bytes)));
        table.append(String.format(Locale.ROOT, "changelog topics (uncompacted)     %,d bytes = %,.0f bytes per series%n",
                r.changelogBytes(), r.changelogBytesPerSku()));
        table.append(String.format(Locale.ROOT, "restore, wiped state -> RUNNING    %.1f s, %,d records, %,.0f records/s%n",
                r.restoreSeconds(), r.restoredRecords(), r.restoredRecordsPerSecond()));
        ObjectNode node = json.putObject("stateFootprint");
        node.put("skus", skus);
        node.put("historyDays", days);
        node.put("salesPerSku", salesPerSku);
        node.put("events", r.events());
        node.put("fillSeconds", r.fillSeconds());
        node.put("stateBytes", r.stateBytes());
        node.put("stateBytesPerSku", r.stateBytesPerSku());
        node.put("sstBytes", r.sstBytes());
        node.put("liveSkuStateBytes", r.liveStateBytes());
        node.put("liveSkuStates", r.liveStates());
        ObjectNode stores = node.putObject("storeBytes");
        r.storeBytes().forEach(stores::put);
        node.put("changelogBytes", r.changelogBytes());
        node.put("changelogBytesPerSku", r.changelogBytesPerSku());
        node.put("restoreSeconds", r.restoreSeconds());
        node.put("restoredRecords", r.restoredRecords());
        node.put("restoredRecordsPerSecond", r.restoredRecordsPerSecond());
    }
}
