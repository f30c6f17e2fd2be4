package io.stockpulse.replay;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of {@link RetailEventMapper} (listed there, in the order they are checked) applied to one
 * row: a skip reason or the fields of one event. Stateful only in the latest row time seen (for
 * {@code out-of-order}) and a cache of stock codes; one per pass.
 */
final class RetailRowClassifier {

    private static final Pattern FOUND = Pattern.compile("\\bfound\\b", Pattern.CASE_INSENSITIVE);

    /** A classified row: either a skip reason or the fields of one event. */
    static final class Row {
        String skipReason;
        ReplayEvent.Kind kind;
        String sku;
        String invoice;
        long quantity; // as the event carries it: > 0, or signed for ADJUSTMENT
        Double price;
        Instant at;
        String description;
        long line;

        static Row skip(String reason) {
            Row r = new Row();
            r.skipReason = reason;
            return r;
        }
    }

    private final RetailEventMapper.Settings settings;
    /** Stock code as written → SKU, or the skip reason; a few thousand distinct codes in the file. */
    private final Map<String, String> skuByCode = new HashMap<>();
    private Instant latest;

    RetailRowClassifier(RetailEventMapper.Settings settings) {
        this.settings = settings;
    }

    /** The latest row time read so far, or null. */
    Instant latest() {
        return latest;
    }

    Row classify(RetailLine l) {
        if (RetailFields.isBlank(l.invoiceNo()) || RetailFields.isBlank(l.stockCode())
                || RetailFields.isBlank(l.quantity()) || RetailFields.isBlank(l.invoiceDate())) {
            return Row.skip(RetailEventMapper.MALFORMED_ROW);
        }
        Instant at = RetailFields.parseTime(l.invoiceDate());
        String timeProblem = timeProblem(at);
        if (timeProblem != null) {
            return Row.skip(timeProblem);
        }
        String sku = skuByCode.computeIfAbsent(l.stockCode(), RetailRowClassifier::skuOf);
        if (sku.equals(RetailEventMapper.NON_PRODUCT) || sku.equals(RetailEventMapper.INVALID_SKU)) {
            return Row.skip(sku);
        }
        String invoice = l.invoiceNo().strip();
        if (!validInvoice(invoice, l.line())) {
            return Row.skip(RetailEventMapper.INVALID_INVOICE);
        }
        Long quantity = RetailFields.parseQuantity(l.quantity());
        if (quantity == null) {
            return Row.skip(RetailEventMapper.BAD_QUANTITY);
        }
        if (quantity == 0) {
            return Row.skip(RetailEventMapper.ZERO_QUANTITY);
        }
        Row row = new Row();
        row.sku = sku;
        row.invoice = invoice;
        row.at = at;
        row.line = l.line();
        String description = l.description() == null ? "" : l.description().strip();
        row.description = description.isEmpty() ? null : description;
        return withKind(row, l, quantity, description);
    }

    /** The skip reason of a row time (bad, out of order, outside the window), or null; advances {@link #latest}. */
    private String timeProblem(Instant at) {
        if (at == null) {
            return RetailEventMapper.BAD_DATE;
        }
        if (latest != null && at.isBefore(latest)) {
            return RetailEventMapper.OUT_OF_ORDER;
        }
        latest = at;
        if (settings.from() != null && at.isBefore(settings.from())) {
            return RetailEventMapper.BEFORE_FROM;
        }
        if (settings.to() != null && !at.isBefore(settings.to())) {
            return RetailEventMapper.AFTER_TO;
        }
        return null;
    }

    /** Whether every event id built from {@code invoice} is a valid identifier. */
    private boolean validInvoice(String invoice, long line) {
        // the longest id built from it is "return:<invoice>:<line>@<location>"
        int idLength = "return:".length() + invoice.length() + 1 + Long.toString(line).length() + 1
                + settings.locationId().length();
        return idLength <= RetailEventMapper.MAX_ID_LENGTH && RetailFields.identifierProblem(invoice) == null;
    }

    /** The event kind by invoice letter, quantity sign and price; or the skip reason. */
    private static Row withKind(Row row, RetailLine l, long quantity, String description) {
        char first = Character.toUpperCase(row.invoice.charAt(0));
        if (first == 'A') {
            return Row.skip(RetailEventMapper.ACCOUNTING_ADJUSTMENT);
        }
        if (first == 'C') {
            if (quantity > 0) {
                return Row.skip(RetailEventMapper.CANCELLATION_POSITIVE);
            }
            row.kind = ReplayEvent.Kind.RETURN;
            row.quantity = -quantity;
            return row;
        }
        if (quantity < 0) {
            boolean damage = RetailEventMapper.suggestsDamage(description);
            row.kind = damage ? ReplayEvent.Kind.DAMAGE : ReplayEvent.Kind.ADJUSTMENT;
            row.quantity = damage ? -quantity : quantity;
            return row;
        }
        Double price = RetailFields.parsePrice(l.unitPrice());
        if (price == null) {
            return Row.skip(RetailEventMapper.BAD_PRICE);
        }
        if (price == 0 && RetailFields.isBlank(l.customerId())) {
            if (FOUND.matcher(description).find()) {
                row.kind = ReplayEvent.Kind.ADJUSTMENT;
                row.quantity = quantity;
                return row;
            }
            return Row.skip(RetailEventMapper.ZERO_PRICE_WITHOUT_CUSTOMER);
        }
        row.kind = ReplayEvent.Kind.SALE;
        row.quantity = quantity;
        row.price = price;
        return row;
    }

    /** The SKU of a stock code, or {@link RetailEventMapper#NON_PRODUCT} / {@link RetailEventMapper#INVALID_SKU}. */
    private static String skuOf(String stockCode) {
        if (!StockCodes.isProduct(stockCode)) {
            return RetailEventMapper.NON_PRODUCT;
        }
        String sku = StockCodes.normalise(stockCode);
        return RetailFields.identifierProblem(sku) == null ? sku : RetailEventMapper.INVALID_SKU;
    }
}
