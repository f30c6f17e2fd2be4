package io.stockpulse.replay;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which Online Retail {@code StockCode}s are products (stock that sits on a shelf and is counted).
 *
 * <p>The rule is an allow-list, applied to the code trimmed and upper-cased (the file spells some
 * variants in lower case, e.g. {@code 85123a}, and one with a trailing space, {@code 47503J }):
 * <ul>
 *   <li>{@code ddddd} followed by at most two letters, e.g. {@code 22423}, {@code 85123A},
 *       {@code 15056BL}: the retailer's catalogue numbers and their colour/size variants — 99.4 % of
 *       all rows;</li>
 *   <li>{@code DCGS…}: goods of the "Dotcom gift shop" range, e.g. {@code DCGS0058} "MISO PRETTY GUM",
 *       {@code DCGSSGIRL} "GIRLS PARTY BAG";</li>
 *   <li>{@code SPdddd}: {@code SP1002} "KID'S CHALKBOARD/EASEL".</li>
 * </ul>
 * Everything else is a charge, fee, voucher or bookkeeping line and is skipped (reason
 * {@code non-product}). On the 2009-12 … 2011-08 file those are: {@code POST} (postage), {@code DOT}
 * (dotcom postage), {@code C2}/{@code C3} (carriage), {@code M} (manual), {@code D} (discount),
 * {@code S} (samples), {@code B} (bad debt), {@code BANK CHARGES}, {@code AMAZONFEE}, {@code CRUK}
 * (commission), {@code PADS}, {@code ADJUST}/{@code ADJUST2}, {@code GIFT} and {@code GIFT_0001_*}
 * (gift vouchers), {@code TEST001}/{@code TEST002} — 4,832 of the 823,643 rows. An allow-list fails safe:
 * a code the rule has never seen is not invented into a SKU.
 */
public final class StockCodes {

    private static final Pattern PRODUCT = Pattern.compile("[0-9]{5}[A-Z]{0,2}|DCGS[0-9A-Z]+|SP[0-9]{4}");

    private StockCodes() {
    }

    /** The SKU of a stock code: trimmed and upper-cased ({@code null} stays {@code null}). */
    public static String normalise(String stockCode) {
        return stockCode == null ? null : stockCode.strip().toUpperCase(Locale.ROOT);
    }

    /** True when the (raw or normalised) stock code names a product under the rule above. */
    public static boolean isProduct(String stockCode) {
        String code = normalise(stockCode);
        return code != null && PRODUCT.matcher(code).matches();
    }
}
