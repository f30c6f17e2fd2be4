package io.stockpulse.replay;

/**
 * One data row of the Online Retail CSV, fields as read (untrimmed, unparsed; {@code null} when the
 * row is shorter than the header). Parsing and validation belong to {@link RetailEventMapper}, so
 * that a bad value is skipped and counted instead of aborting the read.
 *
 * @param line the row's number in the file, the header being line 1 (equals the physical line number
 *             as long as no quoted field spans lines); stable, so it makes event ids deterministic
 */
public record RetailLine(long line, String invoiceNo, String stockCode, String description, String quantity,
                         String invoiceDate, String unitPrice, String customerId, String country) {
}
