package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.serde.VersionedAvroSerde;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The layouts of {@link SkuState} that released versions wrote to the {@code sku-state} store and its
 * changelog, archived as {@code state-layouts/SkuState-v1.avsc}, {@code -v2.avsc}, … (each the full
 * schema as that version had it), so that a new version takes over their state without a reset.
 * Version 1 (before 2026-12) wrote plain Avro binary without a header; later ones the Avro
 * single-object header ({@link VersionedAvroSerde}).
 *
 * <p>To change the layout: add fields at the end with defaults (Avro fills them in when reading an
 * older layout), then archive the new schema as the next {@code SkuState-vN.avsc};
 * {@code SkuStateLayoutsTest} fails until the current schema is archived and checks every archived
 * layout reads into it.
 */
public final class SkuStateLayouts {

    static final String RESOURCE = "/state-layouts/SkuState-v%d.avsc";
    private static final long DAY_MS = 86_400_000L;

    private SkuStateLayouts() {
    }

    /** The archived layouts, version 1 first. */
    public static List<Schema> archived() {
        List<Schema> layouts = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = SkuStateLayouts.class.getResourceAsStream(String.format(RESOURCE, version))) {
                if (in == null) {
                    return layouts;
                }
                layouts.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the archived SkuState layout " + version, e);
            }
        }
    }

    /** The serde of the {@code sku-state} store: writes the current layout, reads every archived one. */
    public static VersionedAvroSerde<SkuState> serde() {
        List<Schema> layouts = archived();
        return new VersionedAvroSerde<>(SkuState.class, layouts.subList(1, layouts.size()), layouts.get(0),
                SkuStateLayouts::fromVersion1);
    }

    /**
     * Version 1 de-duplicated through the {@code event-ids} window store alone: every id it saw is
     * there, so the state says so up to the end of its newest event's day ({@code kpiDay}, the day of
     * the newest event applied; two days on covers any day zone), and events within one retention of
     * that check the window store as before. Avro's defaults leave nothing else to fill in.
     */
    static SkuState fromVersion1(SkuState state) {
        if (state.getKpiDay() >= 0) {
            state.setEventIdsSpilledUntil((state.getKpiDay() + 2L) * DAY_MS);
        }
        return state;
    }
}
