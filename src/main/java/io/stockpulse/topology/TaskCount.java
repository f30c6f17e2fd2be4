package io.stockpulse.topology;

import java.util.Map;

/**
 * The number of inventory tasks (the input topics' partition count) that the aggregators wait for at
 * every day close, as the application passes it in the Streams config
 * ({@link InventoryTopology#INPUT_PARTITIONS_CONFIG}).
 */
final class TaskCount {

    private TaskCount() {
    }

    /** The inventory tasks of this application; 1 when the config does not say. */
    static int inventoryTasks(Map<String, Object> appConfigs) {
        Object value = appConfigs.get(InventoryTopology.INPUT_PARTITIONS_CONFIG);
        return value instanceof Number n ? n.intValue() : value == null ? 1 : Integer.parseInt(value.toString());
    }
}
