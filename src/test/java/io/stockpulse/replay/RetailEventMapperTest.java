package io.stockpulse.replay;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.topology.EventValidator;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stockpulse.replay.ReplayEvent.Kind.ADJUSTMENT;
import static io.stockpulse.replay.ReplayEvent.Kind.COUNT;
import static io.stockpulse.replay.ReplayEvent.Kind.DAMAGE;
import static io.stockpulse.replay.ReplayEvent.Kind.RETURN;
import static io.stockpulse.replay.ReplayEvent.Kind.SALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

public class RetailEventMapperTest {

    public static Path sample() {
        try {
            return Path.of(RetailEventMapperTest.class.getResource("/replay/retail-sample.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    /** Every event must pass StockPulse's own validator, keyed by its SKU. */
    static void assertValid(ReplayEvent event) {
        new EventValidator(Duration.ofDays(1)).validate(event.sku(), event.value(), System.currentTimeMillis());
    }

    private static List<ReplayEvent> map(RetailEventMapper.Settings settings, ReplayStats[] statsOut) throws Exception {
        List<ReplayEvent> events = new ArrayList<>();
        ReplayStats stats = RetailEventMapper.mapFile(sample(), settings, 0, events::add);
        statsOut[0] = stats;
        return events;
    }

    @Test
    void mapsEveryRuleInTimeOrderWithOpeningCountsFirst() throws Exception {
        ReplayStats[] stats = new ReplayStats[1];
        List<ReplayEvent> events = map(RetailEventMapper.Settings.defaults(), stats);

        assertThat(events).extracting(ReplayEvent::kind, ReplayEvent::sku, ReplayEvent::occurredAt, ReplayEvent::quantity,
                ReplayEvent::line).containsExactly(
                tuple(COUNT, "85123A", at("2010-12-01T08:25:59Z"), 190L, 2L),
                tuple(COUNT, "71053", at("2010-12-01T08:25:59Z"), 210L, 3L),
                tuple(SALE, "85123A", at("2010-12-01T08:26:00Z"), 6L, 2L),
                tuple(SALE, "71053", at("2010-12-01T08:26:00Z"), 7L, 3L),
                tuple(SALE, "85123A", at("2010-12-01T08:28:00Z"), 4L, 5L),
                // dated before the rows above it: the file is read sorted, so it is used, not skipped
                tuple(SALE, "85123A", at("2010-12-01T09:00:00Z"), 1L, 18L),
                tuple(RETURN, "85123A", at("2010-12-01T09:41:00Z"), 2L, 6L),
                tuple(COUNT, "22139", at("2010-12-01T09:44:59Z"), 0L, 7L),
                tuple(ADJUSTMENT, "22139", at("2010-12-01T09:45:00Z"), -5L, 7L),
                tuple(DAMAGE, "71053", at("2010-12-01T10:00:00Z"), 3L, 8L),
                tuple(ADJUSTMENT, "71053", at("2010-12-01T10:05:00Z"), -1L, 9L),
                tuple(COUNT, "21730", at("2010-12-01T10:44:59Z"), 0L, 17L),
                tuple(ADJUSTMENT, "21730", at("2010-12-01T10:45:00Z"), 4L, 17L),
                tuple(COUNT, "22752", at("2010-12-02T08:59:59Z"), 60L, 19L),
                tuple(SALE, "22752", at("2010-12-02T09:00:00Z"), 2L, 19L),
                tuple(SALE, "85123A", at("2010-12-03T12:00:00Z"), 8L, 20L));

        events.forEach(RetailEventMapperTest::assertValid);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).occurredAt()).isAfterOrEqualTo(events.get(i - 1).occurredAt());
        }
    }

    @Test
    void fillsTheEventFields() throws Exception {
        ReplayStats[] stats = new ReplayStats[1];
        List<ReplayEvent> events = map(RetailEventMapper.Settings.defaults(), stats);

        SaleEvent sale = (SaleEvent) events.get(2).value();
        assertThat(sale.getEventId()).isEqualTo("sale:536365:2@WH-UK");
        assertThat(sale.getSku()).isEqualTo("85123A");
        assertThat(sale.getLocationId()).isEqualTo("WH-UK");
        assertThat(sale.getUnitPrice()).isEqualTo(2.55);
        assertThat(sale.getOrderId()).isEqualTo("536365");
        assertThat(sale.getOccurredAt()).isEqualTo(at("2010-12-01T08:26:00Z"));

        // lower-case variant code 85123a is the same SKU
        assertThat(((SaleEvent) events.get(4).value()).getSku()).isEqualTo("85123A");
        // zero-price line to a customer stays a sale
        assertThat(((SaleEvent) events.get(15).value()).getUnitPrice()).isEqualTo(0.0);

        StockChangeEvent ret = (StockChangeEvent) events.get(6).value();
        assertThat(ret.getKind()).isEqualTo(StockChangeKind.RETURN);
        assertThat(ret.getEventId()).isEqualTo("return:C536379:6@WH-UK");
        assertThat(ret.getQuantity()).isEqualTo(2);

        StockChangeEvent damage = (StockChangeEvent) events.get(9).value();
        assertThat(damage.getKind()).isEqualTo(StockChangeKind.DAMAGE);
        assertThat(damage.getReason()).isEqualTo("wet damaged");
        assertThat(damage.getEventId()).isEqualTo("damage:536381:8@WH-UK");

        StockChangeEvent adjustment = (StockChangeEvent) events.get(10).value();
        assertThat(adjustment.getKind()).isEqualTo(StockChangeKind.ADJUSTMENT);
        assertThat(adjustment.getReason()).isEqualTo("sold as set on dotcom");
        assertThat(((StockChangeEvent) events.get(8).value()).getReason()).isNull(); // empty description

        StockChangeEvent found = (StockChangeEvent) events.get(12).value();
        assertThat(found.getKind()).isEqualTo(StockChangeKind.ADJUSTMENT);
        assertThat(found.getQuantity()).isEqualTo(4);
        assertThat(found.getReason()).isEqualTo("found");

        StockChangeEvent count = (StockChangeEvent) events.get(0).value();
        assertThat(count.getKind()).isEqualTo(StockChangeKind.COUNT);
        assertThat(count.getEventId()).isEqualTo("opening:85123A@WH-UK:" + at("2010-12-01T08:25:59Z").getEpochSecond());
    }

    @Test
    void countsSkippedRowsByReasonAndSummarises() throws Exception {
        ReplayStats[] out = new ReplayStats[1];
        map(RetailEventMapper.Settings.defaults(), out);
        ReplayStats stats = out[0];

        assertThat(stats.linesRead()).isEqualTo(21);
        assertThat(stats.skippedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                RetailEventMapper.NON_PRODUCT, 4L,          // POST, gift_0001_20, M, B (on an A invoice)
                RetailEventMapper.ZERO_QUANTITY, 1L,
                RetailEventMapper.BAD_DATE, 1L,
                RetailEventMapper.BAD_QUANTITY, 1L,
                RetailEventMapper.BAD_PRICE, 1L,
                RetailEventMapper.ZERO_PRICE_WITHOUT_CUSTOMER, 1L,
                RetailEventMapper.CANCELLATION_POSITIVE, 1L));
        assertThat(stats.events(SALE)).isEqualTo(6);
        assertThat(stats.units(SALE)).isEqualTo(6 + 7 + 4 + 1 + 2 + 8);
        assertThat(stats.events(RETURN)).isEqualTo(1);
        assertThat(stats.events(DAMAGE)).isEqualTo(1);
        assertThat(stats.events(ADJUSTMENT)).isEqualTo(3);
        assertThat(stats.events(COUNT)).isEqualTo(5);
        assertThat(stats.eventsTotal()).isEqualTo(16);
        assertThat(stats.rowsMapped()).isEqualTo(11);
        assertThat(stats.inputOrder()).isEqualTo("sorted by InvoiceDate: out of order from line 18 "
                + "(2010-12-01 09:00:00 after 2010-12-01T10:45:00Z)");
        assertThat(stats.eventsTotal() - stats.events(COUNT) + stats.skippedTotal()).isEqualTo(stats.linesRead());
        assertThat(stats.skus()).isEqualTo(5);
        assertThat(stats.firstEventAt()).isEqualTo(at("2010-12-01T08:25:59Z"));
        assertThat(stats.lastEventAt()).isEqualTo(at("2010-12-03T12:00:00Z"));
        assertThat(stats.summary()).contains("sale", "non-product", "21");
    }

    @Test
    void locationCoverAndWindowAreConfigurable() throws Exception {
        ReplayStats[] out = new ReplayStats[1];
        RetailEventMapper.Settings settings = RetailEventMapper.Settings.defaults()
                .withLocation("DC-2").withOpeningCoverDays(10)
                .withWindow(at("2010-12-01T09:00:00Z"), at("2010-12-02T00:00:00Z"));
        List<ReplayEvent> events = map(settings, out);

        assertThat(events).extracting(ReplayEvent::kind, ReplayEvent::sku).containsExactly(
                tuple(COUNT, "85123A"), tuple(SALE, "85123A"), tuple(RETURN, "85123A"),
                tuple(COUNT, "22139"), tuple(ADJUSTMENT, "22139"),
                tuple(COUNT, "71053"), tuple(DAMAGE, "71053"), tuple(ADJUSTMENT, "71053"),
                tuple(COUNT, "21730"), tuple(ADJUSTMENT, "21730"));
        // one unit of 85123A sold inside the window (line 18, read in time order): 1/day × 10 days
        assertThat(events.get(0).quantity()).isEqualTo(10);
        assertThat(events).allSatisfy(e -> assertThat(e.eventId()).contains("@DC-2"));
        assertThat(out[0].skipped(RetailEventMapper.BEFORE_FROM)).isEqualTo(4);
        assertThat(out[0].skipped(RetailEventMapper.AFTER_TO)).isEqualTo(4);
    }

    @Test
    void openingCountIsCeilOfAverageDailyUnitsTimesCover() throws Exception {
        ReplayStats[] out = new ReplayStats[1];
        List<ReplayEvent> events = map(RetailEventMapper.Settings.defaults().withOpeningCoverDays(10), out);
        // 85123A: 6 + 4 + 1 + 8 = 19 units over 2010-12-01 … 2010-12-03 (3 days) = 6.33/day → 64
        // 71053: 7 units on one day → 70; 22752: 2 units on one day → 20
        assertThat(events).filteredOn(e -> e.kind() == COUNT).extracting(ReplayEvent::sku, ReplayEvent::quantity)
                .containsExactly(tuple("85123A", 64L), tuple("71053", 70L), tuple("22139", 0L), tuple("21730", 0L),
                        tuple("22752", 20L));

        List<ReplayEvent> noCover = new ArrayList<>();
        RetailEventMapper.mapFile(sample(), RetailEventMapper.Settings.defaults().withOpeningCoverDays(0), 0, noCover::add);
        assertThat(noCover).filteredOn(e -> e.kind() == COUNT).allSatisfy(e -> assertThat(e.quantity()).isZero());

        OpeningStock.SkuProfile p = new OpeningStock.SkuProfile(at("2010-01-01T23:00:00Z"), at("2010-01-10T01:00:00Z"), 100);
        assertThat(p.activeDays()).isEqualTo(10);
        assertThat(p.averageDailyUnits()).isEqualTo(10.0);
        assertThat(new OpeningStock(Map.of("X", p), 1, 30).openingCount("X")).isEqualTo(300); // not 301
        assertThat(new OpeningStock(Map.of("X", p), 1, 0.25).openingCount("X")).isEqualTo(3);   // ceil(2.5)
    }

    @Test
    void limitReadsOnlyTheFirstLines() throws Exception {
        List<ReplayEvent> events = new ArrayList<>();
        ReplayStats stats = RetailEventMapper.mapFile(sample(), RetailEventMapper.Settings.defaults(), 3, events::add);
        assertThat(stats.linesRead()).isEqualTo(3);
        // only lines 2 and 3 sold: the opening stock is computed over the limited rows too
        assertThat(events).extracting(ReplayEvent::kind, ReplayEvent::sku, ReplayEvent::quantity).containsExactly(
                tuple(COUNT, "85123A", 180L), tuple(COUNT, "71053", 210L), tuple(SALE, "85123A", 6L), tuple(SALE, "71053", 7L));
    }

    @Test
    void damageWordsAreRecognised() {
        assertThat(List.of("damaged", "Damages", "damges", "wet/rusty", "smashed", "crushed", "thrown away", "missing",
                "lost", "?lost", "MIA", "mouldy, unsaleable.", "water damage", "broken glass", "given away", "gone",
                "cant find", "Donated to The Food Chain charity"))
                .allSatisfy(d -> assertThat(RetailEventMapper.suggestsDamage(d)).as(d).isTrue());
        assertThat(List.of("?", "check", "checked", "sold as set on dotcom", "dotcom", "ebay", "counted", "adjust",
                "wrong code", "samples", "display", "between"))
                .allSatisfy(d -> assertThat(RetailEventMapper.suggestsDamage(d)).as(d).isFalse());
        assertThat(RetailEventMapper.suggestsDamage(null)).isFalse();
    }

    @Test
    void productRule() {
        assertThat(List.of("85123A", "85123a", "22423", "15056BL", "47503J ", "DCGS0058", "DCGSSGIRL", "SP1002", "79323LP"))
                .allSatisfy(c -> assertThat(StockCodes.isProduct(c)).as(c).isTrue());
        assertThat(List.of("POST", "DOT", "M", "m", "D", "C2", "C3", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS",
                "ADJUST", "ADJUST2", "GIFT", "gift_0001_20", "TEST001", "TEST002", "", "1234", "123456", "85123ABC"))
                .allSatisfy(c -> assertThat(StockCodes.isProduct(c)).as(c).isFalse());
        assertThat(StockCodes.isProduct(null)).isFalse();
        assertThat(StockCodes.normalise(" 85123a ")).isEqualTo("85123A");
    }

    @Test
    void parsesNumbersAndDatesStrictly() {
        assertThat(RetailFields.parseTime("2010-12-01 08:26:00")).isEqualTo(at("2010-12-01T08:26:00Z"));
        assertThat(RetailFields.parseTime("2010-12-01T08:26:00")).isEqualTo(at("2010-12-01T08:26:00Z"));
        assertThat(RetailFields.parseTime("2010-12-01 8:26")).isEqualTo(at("2010-12-01T08:26:00Z"));
        assertThat(RetailFields.parseTime("2010-02-30 08:26:00")).isNull();
        assertThat(RetailFields.parseTime("01/12/2010 08:26")).isNull();
        assertThat(RetailFields.parseTime("1999-12-31 23:59:59")).isNull();
        assertThat(RetailFields.parseQuantity(" -12 ")).isEqualTo(-12L);
        assertThat(RetailFields.parseQuantity("12.0")).isEqualTo(12L);
        assertThat(RetailFields.parseQuantity("1.5")).isNull();
        assertThat(RetailFields.parseQuantity("2000000000")).isNull();
        assertThat(RetailFields.parsePrice("2.55")).isEqualTo(2.55);
        assertThat(RetailFields.parsePrice("-1")).isNull();
        assertThat(RetailFields.parsePrice("NaN")).isNull();
        assertThat(RetailFields.parsePrice("")).isNull();
    }

    @Test
    void rejectsBadSkusAndSettings() {
        List<RetailLine> lines = List.of(
                new RetailLine(2, "1", "12345\u0007", "x", "1", "2010-12-01 08:00:00", "1", "1", "UK"),
                new RetailLine(3, "2", null, "x", "1", "2010-12-01 08:00:00", "1", "1", "UK"),
                new RetailLine(4, "3", "DCGS" + "A".repeat(130), "x", "1", "2010-12-01 08:00:00", "1", "1", "UK"),
                new RetailLine(5, "4", "12345", "x", "1", "2010-12-01 08:00:00", "1", "1", "UK"));
        RetailEventMapper mapper = new RetailEventMapper(RetailEventMapper.Settings.defaults());
        OpeningStock opening = mapper.openingStock(lines.iterator());
        ReplayStats stats = new ReplayStats();
        List<ReplayEvent> events = new ArrayList<>();
        mapper.events(lines.iterator(), opening, stats).forEachRemaining(events::add);
        assertThat(events).extracting(ReplayEvent::sku).containsOnly("12345");
        assertThat(stats.skipped(RetailEventMapper.NON_PRODUCT)).isEqualTo(1); // a control character is no product code
        assertThat(stats.skipped(RetailEventMapper.MALFORMED_ROW)).isEqualTo(1);
        assertThat(stats.skipped(RetailEventMapper.INVALID_SKU)).isEqualTo(1);

        assertThatThrownBy(() -> RetailEventMapper.Settings.defaults().withLocation("WH\nUK"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> RetailEventMapper.Settings.defaults().withOpeningCoverDays(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetailEventMapper.Settings.defaults().withWindow(at("2011-01-01T00:00:00Z"),
                at("2010-01-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
    }
}
