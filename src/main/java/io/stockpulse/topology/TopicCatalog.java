package io.stockpulse.topology;

import io.stockpulse.state.StoreNames;
import io.stockpulse.topics.Topic;
import io.stockpulse.topics.TopicNames;
import io.stockpulse.topics.Topics;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

import java.util.TreeSet;

/** Renders the topic catalog (topics, direction, value type, stores) as Markdown for {@code topology/topics.md}. */
public final class TopicCatalog {

    private TopicCatalog() {
    }

    public static String markdown(Topics topics, Topology topology) {
        StringBuilder out = new StringBuilder();
        out.append("# Topic catalog\n\n")
                .append("Generated from `Topics` and `InventoryTopology`; checked by `TopologyDescriptionTest`.\n")
                .append("Keys are the SKU (UTF-8 string). Values use the Confluent wire format ")
                .append("(magic byte 0, 4-byte schema id, Avro binary); subjects are `<topic>-value`.\n\n")
                .append("| topic (default name) | direction | value | schema file | notes |\n")
                .append("|---|---|---|---|---|\n");
        row(out, topics.sales(), "in", "SaleEvent", "units sold; demand history");
        row(out, topics.shipments(), "in", "ShipmentEvent", "purchase orders: on order, received");
        row(out, topics.stockChanges(), "in", "StockChangeEvent", "counts, adjustments, returns, damage, transfers");
        row(out, topics.skuPolicies(), "in (global, compacted)", "SkuPolicy", "key SKU or SKU@LOCATION; invalid ones"
                + " ignored by the store and dead-lettered by the policy check (`<application.id>"
                + InventoryTopology.POLICY_CHECK_SUFFIX + "`)");
        row(out, topics.reorderTriggers(), "out", "ReorderTrigger", "one open trigger per SKU × location");
        row(out, topics.stockoutAlerts(), "out", "StockoutAlert", "RAISED / RESOLVED transitions");
        row(out, topics.overstockWarnings(), "out", "OverstockWarning", "RAISED / RESOLVED transitions");
        row(out, topics.forecasts(), "out", "ForecastUpdate", "one per SKU × location at day close");
        row(out, topics.skuClasses(), "out (compacted)", "SkuClassChange", "key SKU@LOCATION; ABC/XYZ class changes");
        row(out, topics.skuSalesValues(), "internal (1 partition)", "SkuSalesValues",
                "key `all`; each task's trailing sales values per day close, to the ABC aggregator");
        row(out, topics.abcThresholds(), "internal (global, compacted)", "AbcThresholds",
                "key `all`; Pareto cut-offs read by every instance");
        row(out, topics.reports(), "out (compacted)", "InventoryReport", "key location or ALL; daily report at day close");
        row(out, topics.reportPartials(), "internal (1 partition)", "InventoryReport",
                "`<application.id>" + TopicNames.REPORT_PARTIALS_SUFFIX + "`, created by the instances; key `all`; "
                        + "each task's partial report to the report aggregator");
        out.append("| `").append(topics.deadLetters().name())
                .append("` | out | original bytes | — | headers `__streams.errors.*` and `stockpulse.reason` |\n");

        TreeSet<String> stores = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
        }
        out.append("\n## State stores\n\n| store | changelog |\n|---|---|\n");
        for (String store : stores) {
            out.append("| `").append(store).append("` | `<application.id>-").append(store).append("-changelog` |\n");
        }
        out.append("| `").append(StoreNames.POLICIES).append("` (global) | restored from the policy topic itself |\n");
        return out.toString();
    }

    private static void row(StringBuilder out, Topic<?> topic, String direction, String type, String notes) {
        out.append("| `").append(topic.name()).append("` | ").append(direction).append(" | `").append(type)
                .append("` | `schemas/").append(type).append(".avsc` | ").append(notes).append(" |\n");
    }

}
