package io.stockpulse.simulate;

import io.stockpulse.decision.AlertFlags;
import io.stockpulse.decision.LeadTimeObservation;
import io.stockpulse.decision.OpenOrder;
import io.stockpulse.decision.Reordering;
import io.stockpulse.decision.SkuPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One what-if of the closed loop: its own stock, orders, alerts and figures for every SKU, at one
 * service target ({@code serviceLevel}; null: each SKU's policy or ABC class level, as the stream).
 */
public final class Scenario {

    /** A SKU's stock and decisions in this scenario. */
    static final class Book {
        long netStock;
        final List<OpenOrder> orders = new ArrayList<>(2);
        Reordering.State trigger = Reordering.State.NONE;
        AlertFlags flags = AlertFlags.NONE;
        SkuPlan plan = SkuPlan.none(Integer.MIN_VALUE);
        /** Lead times measured on this scenario's receipts, oldest first. */
        List<LeadTimeObservation> leadTimes = List.of();
    }

    /**
     * A supplier delivery arriving at {@code at} (event time, ms) for an order placed at {@code orderedAt}
     * and expected on {@code dueDay}.
     */
    record Receipt(long at, long sequence, int sku, String orderId, long quantity, long orderedAt, int dueDay)
            implements Comparable<Receipt> {
        @Override
        public int compareTo(Receipt o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    final String name;
    final Double serviceLevel;
    final Book[] books;
    final PriorityQueue<Receipt> receipts = new PriorityQueue<>();
    final Figures figures = new Figures();
    private long sequence;

    public Scenario(String name, Double serviceLevel, int skus) {
        this.name = name;
        this.serviceLevel = serviceLevel;
        this.books = new Book[skus];
    }

    Book book(int sku) {
        Book book = books[sku];
        if (book == null) {
            book = new Book();
            books[sku] = book;
        }
        return book;
    }

    /** Schedules {@code r} (its sequence is set here: ties at the same time keep the scheduling order). */
    void schedule(Receipt r) {
        receipts.add(new Receipt(r.at(), sequence++, r.sku(), r.orderId(), r.quantity(), r.orderedAt(), r.dueDay()));
    }
}
