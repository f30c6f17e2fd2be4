package io.stockpulse.policy;

/**
 * Min/max, the simple fallback (an (s, S) policy with hand-set levels; Silver, Pyke &amp; Thomas
 * §7.1): when the position is at or below min, order up to max.
 */
public final class MinMaxPolicy {

    private MinMaxPolicy() {
    }

    public static boolean reorderNeeded(long inventoryPosition, long min) {
        return inventoryPosition <= min;
    }

    /** max − IP when the position is at or below min, rounded up to MOQ and packs; else 0. */
    public static long orderQuantity(long inventoryPosition, long min, long max, long moq, long packSize) {
        if (max < min) {
            throw new IllegalArgumentException("max must be >= min, were " + max + " and " + min);
        }
        if (!reorderNeeded(inventoryPosition, min)) {
            return 0;
        }
        return InventoryMath.roundToMoqAndPack(max - inventoryPosition, moq, packSize);
    }
}
