package io.stockpulse.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo --keep-running}: after the report, the demo's thread waits in {@link #await} while the
 * broker, StockPulse and the dashboard stay up. Ctrl-C (a JVM shutdown) or an interrupt ends the wait.
 * On Ctrl-C the shutdown hook then holds the JVM until the demo has closed the app and the broker
 * ({@link #close}, called after them), so their state directories are not cut off mid-write.
 */
final class KeepRunning implements AutoCloseable {

    /** The longest a Ctrl-C waits for the app and the broker to close. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread hook;

    /**
     * Blocks until Ctrl-C or an interrupt of the calling thread; either is a request to stop, so both
     * return normally (the interrupt is consumed: the caller's closing of the app and broker must not
     * be cut short by it).
     */
    void await(PrintStream out, String dashboard) {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        // Installed only now: a Ctrl-C during the replay stops the demo at once, as before.
        Runtime.getRuntime().addShutdownHook(hook);
        out.println();
        out.println("Keeping StockPulse up: dashboard at " + dashboard + " (Ctrl-C to stop)");
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException stopRequested) {
            out.println("Stopping (interrupted).");
        }
    }

    /** Call after the app and the broker are closed: lets a waiting Ctrl-C finish. */
    @Override
    public void close() {
        closed.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and has just been released
            }
        }
    }
}
