package io.stockpulse.replay;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.stockpulse.replay.ReplayEvent.Kind.ADJUSTMENT;
import static io.stockpulse.replay.ReplayEvent.Kind.COUNT;
import static io.stockpulse.replay.ReplayEvent.Kind.DAMAGE;
import static io.stockpulse.replay.ReplayEvent.Kind.RETURN;
import static io.stockpulse.replay.ReplayEvent.Kind.SALE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapper over the real Online Retail file (skipped when the file is absent). The first 20,000
 * lines always; the whole file with {@code -Dstockpulse.replay.fullFile=true}.
 */
class RealDatasetTest {

    /** The four months the repository carries (the start of the shared file, row for row). */
    static final Path DATA = Path.of("src/main/resources/datasets/online-retail-2009-12-to-2010-03.csv.gz");

    /** Checks every event as it streams by, keeping only counters (the full file has 820k events). */
    static final class Checker {
        Instant previous;
        final Set<String> counted = new HashSet<>();
        final Set<String> eventIds = new HashSet<>();
        long events;

        void accept(ReplayEvent e) {
            RetailEventMapperTest.assertValid(e);
            assertThat(eventIds.add(e.eventId())).as("unique id %s", e.eventId()).isTrue();
            if (previous != null) {
                assertThat(e.occurredAt()).as("time order at line %d", e.line()).isAfterOrEqualTo(previous);
            }
            previous = e.occurredAt();
            if (e.kind() == COUNT) {
                assertThat(counted.add(e.sku())).as("one opening count per SKU").isTrue();
            } else {
                assertThat(counted).as("opening count before the first event of %s", e.sku()).contains(e.sku());
            }
            events++;
        }
    }

    @Test
    void first20000Lines() throws Exception {
        Checker checker = new Checker();
        List<ReplayEvent> sample = new ArrayList<>();
        ReplayStats stats = RetailEventMapper.mapFile(DATA, RetailEventMapper.Settings.defaults(), 20_000, e -> {
            checker.accept(e);
            if (sample.size() < 5) {
                sample.add(e);
            }
        });

        assertThat(stats.linesRead()).isEqualTo(20_000);
        assertThat(checker.events).isEqualTo(stats.eventsTotal());
        // 2009-12-01 … 2009-12-08: overwhelmingly sales, some returns, a few write-offs, ~100–200 non-product lines
        assertThat(stats.events(SALE)).isBetween(18_500L, 19_900L);
        assertThat(stats.events(RETURN)).isBetween(100L, 1_000L);
        assertThat(stats.events(DAMAGE) + stats.events(ADJUSTMENT)).isBetween(10L, 500L);
        assertThat(stats.skipped(RetailEventMapper.NON_PRODUCT)).isBetween(50L, 500L);
        assertThat(stats.skipped(RetailEventMapper.BAD_DATE) + stats.skipped(RetailEventMapper.BAD_QUANTITY)
                + stats.skipped(RetailEventMapper.MALFORMED_ROW) + stats.skipped(RetailEventMapper.OUT_OF_ORDER)).isZero();
        assertThat(stats.skus()).isBetween(2_000, 3_500);
        assertThat(stats.events(COUNT)).isEqualTo(stats.skus());
        assertThat(stats.eventsTotal() - stats.events(COUNT) + stats.skippedTotal()).isEqualTo(stats.linesRead());
        assertThat(stats.firstEventAt()).isEqualTo(Instant.parse("2009-12-01T07:44:59Z"));
        assertThat(stats.lastEventAt()).isBetween(Instant.parse("2009-12-05T00:00:00Z"), Instant.parse("2009-12-15T00:00:00Z"));
        assertThat(sample.get(0).kind()).isEqualTo(COUNT);
        assertThat(stats.units(COUNT)).isPositive();
    }

    @Test
    void wholeFile() throws Exception {
        Checker checker = new Checker();
        ReplayStats stats = RetailEventMapper.mapFile(DATA, RetailEventMapper.Settings.defaults(), 0, checker::accept);
        System.out.println(stats.summary());
        assertThat(stats.linesRead()).isEqualTo(147_682);
        assertThat(stats.eventsTotal() - stats.events(COUNT) + stats.skippedTotal()).isEqualTo(stats.linesRead());
        assertThat(stats.events(COUNT)).isEqualTo(stats.skus());
    }
}
