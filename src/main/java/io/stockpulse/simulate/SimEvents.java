package io.stockpulse.simulate;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.replay.ReplayEvent;
import io.stockpulse.replay.ReplayStats;
import io.stockpulse.replay.RetailEventMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay's events held in compact parallel arrays (the 21-month file is 0.8 M events), in event
 * time order, with every SKU's unit cost: a cost ratio × the median selling price of its sale lines.
 * The events are exactly what {@code replay} publishes, mapped by the same {@link RetailEventMapper}.
 */
public final class SimEvents {

    static final byte SALE = 0;
    static final byte RETURN = 1;
    static final byte WRITE_OFF = 2;
    static final byte ADJUST_UP = 3;
    static final byte COUNT = 4;

    final long[] at;
    final int[] sku;
    final byte[] kind;
    final long[] quantity;
    final List<String> skus;
    final double[] unitCost;
    final ReplayStats stats;

    private SimEvents(long[] at, int[] sku, byte[] kind, long[] quantity, List<String> skus, double[] unitCost,
                      ReplayStats stats) {
        this.at = at;
        this.sku = sku;
        this.kind = kind;
        this.quantity = quantity;
        this.skus = skus;
        this.unitCost = unitCost;
        this.stats = stats;
    }

    /** What reading the file counted: rows read, mapped and skipped by reason. */
    public ReplayStats readStats() {
        return stats;
    }

    public int skuCount() {
        return skus.size();
    }

    /** The epoch day of the first and of the last event (0 without events). */
    public int firstDay() {
        return size() == 0 ? 0 : ClosedLoop.day(at[0]);
    }

    public int lastDay() {
        return size() == 0 ? 0 : ClosedLoop.day(at[size() - 1]);
    }

    public int size() {
        return at.length;
    }

    /** Maps {@code file} as the replay does (opening counts, skips, time order) and keeps the events. */
    public static SimEvents load(Path file, RetailEventMapper.Settings mapping, double costRatio, double defaultUnitCost)
            throws IOException {
        Builder builder = new Builder();
        ReplayStats stats = RetailEventMapper.mapFile(file, mapping, 0, builder::add);
        return builder.build(costRatio, defaultUnitCost, stats);
    }

    private static final class Builder {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private final List<List<Double>> prices = new ArrayList<>();
        private long[] at = new long[1 << 16];
        private int[] sku = new int[1 << 16];
        private byte[] kind = new byte[1 << 16];
        private long[] quantity = new long[1 << 16];
        private int n;

        void add(ReplayEvent event) {
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
                sku = Arrays.copyOf(sku, n * 2);
                kind = Arrays.copyOf(kind, n * 2);
                quantity = Arrays.copyOf(quantity, n * 2);
            }
            int id = index.computeIfAbsent(event.sku(), name -> {
                names.add(name);
                prices.add(new ArrayList<>());
                return names.size() - 1;
            });
            at[n] = event.occurredAt().toEpochMilli();
            sku[n] = id;
            if (event.value() instanceof SaleEvent sale) {
                kind[n] = SALE;
                quantity[n] = sale.getQuantity();
                if (sale.getUnitPrice() != null && sale.getUnitPrice() > 0) {
                    prices.get(id).add(sale.getUnitPrice());
                }
            } else {
                StockChangeEvent change = (StockChangeEvent) event.value();
                long q = change.getQuantity();
                switch (change.getKind()) {
                    case COUNT -> set(COUNT, q);
                    case RETURN, TRANSFER_IN -> set(RETURN, q);
                    case DAMAGE, TRANSFER_OUT -> set(WRITE_OFF, q);
                    case ADJUSTMENT -> set(q < 0 ? WRITE_OFF : ADJUST_UP, Math.abs(q));
                }
            }
            n++;
        }

        private void set(byte k, long q) {
            kind[n] = k;
            quantity[n] = q;
        }

        SimEvents build(double costRatio, double defaultUnitCost, ReplayStats stats) {
            double[] cost = new double[names.size()];
            for (int i = 0; i < cost.length; i++) {
                double median = median(prices.get(i));
                cost[i] = median > 0 ? costRatio * median : defaultUnitCost;
            }
            return new SimEvents(Arrays.copyOf(at, n), Arrays.copyOf(sku, n), Arrays.copyOf(kind, n),
                    Arrays.copyOf(quantity, n), List.copyOf(names), cost, stats);
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
