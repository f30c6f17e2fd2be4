package io.stockpulse.replay;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The field parsers of {@link RetailEventMapper}: identifiers, timestamps, quantities and prices as
 * the retail CSV writes them, each answering null (or what is wrong) instead of throwing, so a bad
 * row becomes a counted skip reason rather than an exception.
 */
final class RetailFields {

    private static final DateTimeFormatter LENIENT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd['T'][' ']H:mm[:ss]");

    private RetailFields() {
    }

    /** Null when {@code value} may be an eventId, SKU or location, else what is wrong with it. */
    static String identifierProblem(String value) {
        if (value == null || value.isBlank()) {
            return "is empty";
        }
        if (value.length() > RetailEventMapper.MAX_ID_LENGTH) {
            return "has " + value.length() + " characters, at most " + RetailEventMapper.MAX_ID_LENGTH + " allowed";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "contains control character U+" + String.format("%04X", (int) value.charAt(i));
            }
        }
        return null;
    }

    /** ISO local date-time read as UTC; null when unparsable or before 2000. */
    static Instant parseTime(String text) {
        String s = text.strip();
        LocalDateTime t = null;
        if (s.length() == 19 && s.charAt(4) == '-' && s.charAt(7) == '-' && (s.charAt(10) == ' ' || s.charAt(10) == 'T')
                && s.charAt(13) == ':' && s.charAt(16) == ':') {
            // Fast path for the file's own format; LocalDateTime.of validates the ranges.
            int y = digits(s, 0, 4);
            int mo = digits(s, 5, 7);
            int d = digits(s, 8, 10);
            int h = digits(s, 11, 13);
            int mi = digits(s, 14, 16);
            int se = digits(s, 17, 19);
            if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) {
                return null;
            }
            try {
                t = LocalDateTime.of(y, mo, d, h, mi, se);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            try {
                t = LocalDateTime.parse(s, LENIENT_DATE);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Instant at = t.toInstant(ZoneOffset.UTC);
        return at.isBefore(RetailEventMapper.EARLIEST) ? null : at;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** An integer (also written {@code 12.0}) of magnitude at most 1e9; null otherwise. */
    static Long parseQuantity(String text) {
        String s = text.strip();
        long q;
        try {
            q = Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                q = new BigDecimal(s).longValueExact();
            } catch (NumberFormatException | ArithmeticException e2) {
                return null;
            }
        }
        return Math.abs(q) > RetailEventMapper.MAX_QUANTITY ? null : q;
    }

    /** A finite price ≥ 0; null otherwise. */
    static Double parsePrice(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double p = Double.parseDouble(text.strip());
            return Double.isFinite(p) && p >= 0 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
