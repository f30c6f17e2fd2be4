package io.stockpulse.cli;

import io.stockpulse.replay.ReplayClock;
import io.stockpulse.replay.ReplayHooks;
import io.stockpulse.replay.ReplayStats;
import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.SupplierSchedule;
import io.stockpulse.replay.SupplierSimulator;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code stockpulse replay} once its topics and producer are ready: the replay, the
 * simulated supplier beside it (optional), Ctrl-C handling and the closing summary.
 */
final class ReplaySession {

    /** Exit code of a replay stopped by Ctrl-C (128 + SIGINT). */
    static final int INTERRUPTED = 130;

    private final PrintWriter out;
    private final Duration settle;
    private final Duration settleMax;

    ReplaySession(PrintWriter out, Duration settle, Duration settleMax) {
        this.out = out;
        this.settle = settle;
        this.settleMax = settleMax;
    }

    /** Replays {@code options} (with {@code supplier}, may be null) and returns the exit code. */
    int run(KafkaProducer<String, SpecificRecord> producer, Topics topics, Replayer.Options options,
            SupplierSimulator supplier) throws Exception {
        Thread supplierThread = null;
        if (supplier != null) {
            supplierThread = new Thread(supplier, "supplier-simulator");
            supplierThread.setDaemon(true);
            supplierThread.start();
        }
        // Ctrl-C: interrupt the replay, which stops after the current event and flushes; wait for that.
        Thread replayThread = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            replayThread.interrupt();
            try {
                done.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted;
        try {
            interrupted = replay(producer, topics, options, supplier);
        } finally {
            if (supplier != null) {
                supplier.close();
                printSupplier(supplier);
            }
            out.flush();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        if (supplierThread != null) {
            supplierThread.join(1000);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        }
        return 0;
    }

    /** True when Ctrl-C stopped it (the thread's flag is cleared for the orderly close, set again by the caller). */
    private boolean replay(KafkaProducer<String, SpecificRecord> producer, Topics topics, Replayer.Options options,
                           SupplierSimulator supplier) throws Exception {
        ReplayClock clock = new ReplayClock();
        ReplayStats stats = new Replayer(producer, topics, clock).replay(options,
                supplier != null ? supplier : ReplayHooks.NONE);
        boolean interrupted = Thread.interrupted();
        clock.finish();
        out.println("Replay of " + options.data() + (stats.interrupted() ? " (interrupted)" : ""));
        out.print(stats.summary());
        if (supplier != null && !stats.interrupted()) {
            out.println("waiting for reorder triggers to settle (" + settle + " quiet, at most " + settleMax + ") …");
            out.flush();
            supplier.awaitQuiet(settle, settleMax);
            int delivered = supplier.drain();
            out.println("delivered " + delivered + " pending orders at the end of the replay");
        }
        return interrupted;
    }

    private void printSupplier(SupplierSimulator supplier) {
        SupplierSchedule.Stats s = supplier.stats();
        out.printf("supplier         %,d triggers (%,d repeated, %,d invalid), %,d orders / %,d units ordered, "
                        + "%,d receipts / %,d units received, %,d pending%n",
                s.triggers(), s.duplicateTriggers(), s.invalidTriggers(), s.ordersPlaced(), s.unitsOrdered(),
                s.receiptsReleased(), s.unitsReceived(), s.pendingReceipts());
        if (supplier.failure() != null) {
            out.println("supplier error: " + supplier.failure().getMessage());
        }
    }
}
