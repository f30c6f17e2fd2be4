package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.topics.Topics;
import io.stockpulse.topology.DeadLetters;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.stockpulse.it.StockPulseFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input catalogue on the real broker and the real schema registry: every kind of bad record
 * lands on the dead-letter topic, bytes untouched, with its reason, while the good records between
 * them are all applied. The README's reliability table lists the event cases, docs/reliability-faults.md
 * the policy ones: ignored by the global store on every instance, parked once by the policy check.
 */
class BadInputCatalogueIT {

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();
    @TempDir
    static Path temp;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2011-03-01T09:00:00Z");
    private static final String GOOD = "GOOD-1";

    /** One bad record: where it goes, its key and bytes, and the reason the DLQ must give. */
    record Case(String name, String topic, String key, byte[] value, String reason) {
    }

    @Test
    void everyKindOfBadRecordIsParkedWithItsReasonAndTheGoodOnesAllCount() throws Exception {
        String appId = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        StockPulseConfig config = KAFKA.settings(appId).registry(StockPulseFixture.sharedRegistryUrl())
                .stateDir(temp.resolve("state")).ownTopics().config();
        SchemaRegistryClient registry = StockPulseFixture.registryClient(config);
        Topics topics = StockPulseFixture.topics(config, 2, registry, true);
        List<Case> catalogue = catalogue(topics, registry, appId);

        try (EventPublisher events = KAFKA.publisher(topics, appId + "-");
             OutputReader<byte[]> deadLetters = KAFKA.reader(topics.deadLetters());
             StockPulseApp app = StockPulseFixture.running(config, PATIENCE)) {

            events.stockChange(GOOD, StockChangeKind.COUNT, 1_000, T0.minusSeconds(60));
            int goodSales = 0;
            for (Case bad : catalogue) {
                events.raw(bad.topic(), bad.key(), bad.value());
                events.sale(GOOD, 1, T0.plusSeconds(++goodSales)); // a good record right after every bad one
            }
            // A duplicate is not an error: ignored and counted, never parked.
            SaleEvent once = SaleEvent.newBuilder().setEventId("dup-1").setSku(GOOD).setLocationId(EventPublisher.LOCATION)
                    .setQuantity(1).setOccurredAt(T0.plusSeconds(10_000)).build();
            byte[] onceBytes = topics.sales().valueSerde().serializer().serialize(topics.sales().name(), once);
            events.raw(topics.sales().name(), GOOD, onceBytes);
            events.raw(topics.sales().name(), GOOD, onceBytes);
            events.flush();
            long expectedStock = 1_000 - goodSales - 1;

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(deadLetters.records()).hasSize(catalogue.size());
                assertThat(StockPulseFixture.netStock(app.streams(), GOOD)).isEqualTo(expectedStock);
            });

            Map<String, ConsumerRecord<String, byte[]>> parkedByValue = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> parked : deadLetters.records()) {
                parkedByValue.put(Arrays.toString(parked.value()), parked);
            }
            for (Case bad : catalogue) {
                ConsumerRecord<String, byte[]> parked = parkedByValue.get(Arrays.toString(bad.value()));
                assertThat(parked).as("%s is on the DLQ with its bytes untouched", bad.name()).isNotNull();
                assertThat(header(parked, DeadLetters.HEADER_REASON)).as(bad.name()).isEqualTo(bad.reason());
                assertThat(header(parked, DeadLetters.HEADER_TOPIC)).as(bad.name()).isEqualTo(bad.topic());
                assertThat(header(parked, DeadLetters.HEADER_MESSAGE)).as(bad.name()).isNotBlank();
            }
            Map<String, Long> expectedCounts = catalogue.stream()
                    .collect(Collectors.groupingBy(Case::reason, Collectors.counting()));
            assertThat(app.counters().snapshot(PipelineCounters.DEAD_LETTERS)).isEqualTo(expectedCounts);
            assertThat(app.counters().get(PipelineCounters.DUPLICATES, "sale")).isEqualTo(1);
            assertThat(app.counters().get(PipelineCounters.EVENTS, "sale")).isEqualTo(goodSales + 1);
            // Invalid policies: ignored (and counted) by this instance's global store, parked exactly once.
            String policyTopic = topics.skuPolicies().name();
            long policyCases = catalogue.stream().filter(c -> c.topic().equals(policyTopic)).count();
            assertThat(deadLetters.records()).filteredOn(r -> policyTopic.equals(header(r, DeadLetters.HEADER_TOPIC)))
                    .hasSize((int) policyCases);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(app.counters()
                    .get(PipelineCounters.POLICIES_REJECTED, "invalid")).isEqualTo(policyCases - 1)); // not the undecodable one
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(app.policyCheck().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static List<Case> catalogue(Topics topics, SchemaRegistryClient registry, String appId) throws IOException {
        String sales = topics.sales().name();
        String changes = topics.stockChanges().name();
        String shipments = topics.shipments().name();
        List<Case> cases = new ArrayList<>();
        int n = 0;
        SaleEvent template = SaleEvent.newBuilder().setEventId("x").setSku("BAD").setLocationId("WH1").setQuantity(1)
                .setUnitPrice(2.0).setOccurredAt(T0).build();
        byte[] goodSale = sale(topics, SaleEvent.newBuilder(template).setEventId("wire-" + appId).build());

        cases.add(new Case("garbage bytes", sales, "BAD", "this is not avro".getBytes(StandardCharsets.UTF_8),
                "wrong-magic-byte"));
        cases.add(new Case("empty value", sales, "BAD", new byte[0], "empty-value"));
        byte[] wrongMagic = goodSale.clone();
        wrongMagic[0] = 1;
        cases.add(new Case("wrong magic byte", sales, "BAD", wrongMagic, "wrong-magic-byte"));
        byte[] unknownId = goodSale.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(987_654_321);
        cases.add(new Case("unknown schema id", sales, "BAD", unknownId, "unknown-schema-id"));
        cases.add(new Case("truncated Avro", sales, "BAD", Arrays.copyOf(goodSale, goodSale.length - 9), "truncated-avro"));
        byte[] shipmentOnSales = topics.shipments().valueSerde().serializer().serialize(shipments,
                ShipmentEvent.newBuilder().setEventId("ship-on-sales").setSku("BAD").setLocationId("WH1")
                        .setPurchaseOrderId("PO-1").setStatus(ShipmentStatus.ORDERED).setQuantity(5).setOccurredAt(T0).build());
        cases.add(new Case("schema of another topic", sales, "BAD", shipmentOnSales, "incompatible-schema"));
        cases.add(new Case("unknown enum symbol", changes, "BAD", unknownEnumSymbol(registry, appId), "unknown-enum-symbol"));
        cases.add(new Case("null key", sales, null, sale(topics, variant(template, ++n).build()), "missing-key"));
        cases.add(new Case("key is not the SKU", sales, "OTHER", sale(topics, variant(template, ++n).build()), "key-mismatch"));
        cases.add(new Case("negative quantity", sales, "BAD", sale(topics, variant(template, ++n).setQuantity(-3).build()),
                "invalid-quantity"));
        cases.add(new Case("zero quantity", sales, "BAD", sale(topics, variant(template, ++n).setQuantity(0).build()),
                "invalid-quantity"));
        cases.add(new Case("absurd quantity", sales, "BAD",
                sale(topics, variant(template, ++n).setQuantity(1_000_000_000_000L).build()), "invalid-quantity"));
        cases.add(new Case("NaN price", sales, "BAD", sale(topics, variant(template, ++n).setUnitPrice(Double.NaN).build()),
                "invalid-price"));
        cases.add(new Case("infinite price", sales, "BAD",
                sale(topics, variant(template, ++n).setUnitPrice(Double.POSITIVE_INFINITY).build()), "invalid-price"));
        cases.add(new Case("negative price", sales, "BAD", sale(topics, variant(template, ++n).setUnitPrice(-1.0).build()),
                "invalid-price"));
        cases.add(new Case("missing SKU", sales, "", sale(topics, variant(template, ++n).setSku("").build()), "missing-sku"));
        String longSku = "S".repeat(300);
        cases.add(new Case("SKU too long", sales, longSku, sale(topics, variant(template, ++n).setSku(longSku).build()),
                "sku-too-long"));
        cases.add(new Case("SKU with a control character", sales, "BA\u0007D",
                sale(topics, variant(template, ++n).setSku("BA\u0007D").build()), "sku-control-character"));
        cases.add(new Case("missing event id", sales, "BAD", sale(topics, variant(template, ++n).setEventId("").build()),
                "missing-eventId"));
        cases.add(new Case("missing location", sales, "BAD", sale(topics, variant(template, ++n).setLocationId(" ").build()),
                "missing-locationId"));
        cases.add(new Case("timestamp far in the future", sales, "BAD",
                sale(topics, variant(template, ++n).setOccurredAt(Instant.parse("2199-01-01T00:00:00Z")).build()),
                "timestamp-in-future"));
        cases.add(new Case("timestamp before 2000", sales, "BAD",
                sale(topics, variant(template, ++n).setOccurredAt(Instant.parse("1970-01-02T00:00:00Z")).build()),
                "timestamp-too-old"));
        cases.add(new Case("COUNT below zero", changes, "BAD", change(topics, "neg-count-" + appId, StockChangeKind.COUNT, -4),
                "invalid-quantity"));
        cases.add(new Case("zero ADJUSTMENT", changes, "BAD", change(topics, "zero-adj-" + appId, StockChangeKind.ADJUSTMENT, 0),
                "invalid-quantity"));
        cases.add(new Case("negative DAMAGE", changes, "BAD", change(topics, "neg-dmg-" + appId, StockChangeKind.DAMAGE, -2),
                "invalid-quantity"));
        cases.add(new Case("RECEIVED for an unknown purchase order", shipments, "BAD",
                topics.shipments().valueSerde().serializer().serialize(shipments, ShipmentEvent.newBuilder()
                        .setEventId("ghost-" + appId).setSku("BAD").setLocationId("WH1").setPurchaseOrderId("PO-NEVER")
                        .setStatus(ShipmentStatus.RECEIVED).setQuantity(5).setOccurredAt(T0).build()),
                "unknown-purchase-order"));
        cases.add(new Case("tombstone on an event topic", sales, "BAD", null, "empty-value"));
        String policies = topics.skuPolicies().name();
        cases.add(new Case("policy with a service level of 1.5", policies, "BAD", policy(topics,
                SkuPolicy.newBuilder().setSku("BAD").setServiceLevel(1.5).build()), "invalid-policy"));
        cases.add(new Case("policy under another SKU's key", policies, "OTHER", policy(topics,
                SkuPolicy.newBuilder().setSku("BAD").setLeadTimeDays(3.0).build()), "key-mismatch"));
        // No null-key case: the broker refuses keyless records on the compacted policy topic (PolicyTopicTest has it).
        // Also read by the global store, which must skip it without failing the instance.
        cases.add(new Case("policy that is not Avro", policies, "BAD",
                "a policy that is not avro".getBytes(StandardCharsets.UTF_8), "wrong-magic-byte"));
        return cases;
    }

    private static SaleEvent.Builder variant(SaleEvent template, int n) {
        return SaleEvent.newBuilder(template).setEventId("bad-" + n + "-" + UUID.randomUUID());
    }

    private static byte[] sale(Topics topics, SaleEvent event) {
        return topics.sales().valueSerde().serializer().serialize(topics.sales().name(), event);
    }

    private static byte[] policy(Topics topics, SkuPolicy policy) {
        return topics.skuPolicies().valueSerde().serializer().serialize(topics.skuPolicies().name(), policy);
    }

    private static byte[] change(Topics topics, String id, StockChangeKind kind, long quantity) {
        return topics.stockChanges().valueSerde().serializer().serialize(topics.stockChanges().name(),
                StockChangeEvent.newBuilder().setEventId(id).setSku("BAD").setLocationId("WH1").setKind(kind)
                        .setQuantity(quantity).setOccurredAt(T0).build());
    }

    /**
     * A producer on a newer schema whose enum has a symbol StockPulse does not know: registered under a
     * subject of its own, so the registry hands the app a writer schema it cannot resolve.
     */
    private static byte[] unknownEnumSymbol(SchemaRegistryClient registry, String appId) throws IOException {
        String json = StockChangeEvent.getClassSchema().toString().replace("\"TRANSFER_OUT\"]", "\"TRANSFER_OUT\",\"THEFT\"]");
        Schema newer = new Schema.Parser().parse(json);
        int id = registry.register("catalogue-newer-stock-change-" + appId, newer);
        GenericRecord record = new GenericData.Record(newer);
        record.put("eventId", "theft-" + appId);
        record.put("sku", "BAD");
        record.put("locationId", "WH1");
        record.put("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "THEFT"));
        record.put("quantity", 2L);
        record.put("reason", null);
        record.put("occurredAt", T0.toEpochMilli());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(newer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
