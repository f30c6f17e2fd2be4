package io.stockpulse.state;

/**
 * Keys of the per SKU × location stores. SKU and location are joined by the ASCII unit separator,
 * which validation forbids inside either, so keys split back unambiguously and sort by SKU.
 */
public final class StoreKeys {

    public static final char SEPARATOR = '\u001F';

    private StoreKeys() {
    }

    public static String skuLocation(String sku, String locationId) {
        return sku + SEPARATOR + locationId;
    }

    /**
     * The day as eight zero-padded digits, so day-keyed ranges sort in day order (report stores).
     * Written out rather than String.format("%08d"), which parses its pattern on every call and showed
     * up in the stream thread's profile.
     */
    public static String paddedDay(int epochDay) {
        if (epochDay < 0 || epochDay > 99_999_999) {
            throw new IllegalArgumentException("epoch day out of range: " + epochDay);
        }
        String digits = Integer.toString(epochDay);
        return "00000000".substring(digits.length()) + digits;
    }
}
