package io.stockpulse.policy;

/**
 * Periodic review, order-up-to (R, S) (Silver, Pyke &amp; Thomas §6.7; Axsäter, "Inventory Control",
 * 3rd ed., §4.4): every R days the position is raised to S. The protection interval is R + L, so
 * S = D·(R + L) + z·σ(R+L) with σ(R+L)² = (R + L)·σd² + d²·σL².
 */
public final class PeriodicReviewPolicy {

    private PeriodicReviewPolicy() {
    }

    /**
     * Order-up-to level S.
     *
     * @param dailyDemand     d, mean units per day
     * @param dailySigma      σd of one day's demand
     * @param reviewDays      R
     * @param leadTimeDays    L
     * @param leadTimeStdDays σL
     * @param serviceLevel    cycle service level (probability of no stockout per review cycle)
     */
    public static double orderUpToLevel(double dailyDemand, double dailySigma, double reviewDays,
                                        double leadTimeDays, double leadTimeStdDays, double serviceLevel) {
        if (!(reviewDays > 0)) {
            throw new IllegalArgumentException("reviewDays must be > 0, was " + reviewDays);
        }
        double protection = reviewDays + leadTimeDays;
        double sigma = InventoryMath.leadTimeDemandSigma(protection, dailySigma, dailyDemand, leadTimeStdDays);
        return dailyDemand * protection + InventoryMath.safetyStock(serviceLevel, sigma);
    }

    /**
     * Reviews happen on epoch days that are a multiple of R days after {@code reviewOffsetDays}
     * (0 = days divisible by R; with R = 7 and offset 4, every Monday).
     */
    public static boolean isReviewDay(long epochDay, int reviewDays, int reviewOffsetDays) {
        if (reviewDays < 1) {
            throw new IllegalArgumentException("reviewDays must be >= 1, was " + reviewDays);
        }
        return Math.floorMod(epochDay - reviewOffsetDays, reviewDays) == 0;
    }

    /** Units to order at a review: S − IP when positive, rounded up to MOQ and whole packs. */
    public static long orderQuantity(double orderUpTo, long inventoryPosition, long moq, long packSize) {
        return InventoryMath.roundToMoqAndPack(orderUpTo - inventoryPosition, moq, packSize);
    }
}
