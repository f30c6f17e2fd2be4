package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad records go to the DLQ with their bytes and a reason; the good records around them are processed. */
class DeadLetterTest {

    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * TopologyTestDriver runs the deserialization handler but does not capture the DLQ records it
     * returns (they are sent outside record processing), so here we check the handler is invoked and
     * the stream goes on; {@link DeadLetterDeserializationHandlerTest} checks the record it builds and
     * the broker-backed integration test checks it lands on the topic.
     */
    @Test
    void undecodableBytesDoNotStopTheStream() {
        f.stockChange("S", StockChangeKind.COUNT, 10, "2011-03-01T08:00:00Z");
        f.sale("S", 1, "2011-03-01T09:00:00Z");
        f.rawSales.pipeInput("S", "not avro at all".getBytes(StandardCharsets.UTF_8));
        f.rawSales.pipeInput("S", new byte[0]);
        f.sale("S", 2, "2011-03-01T10:00:00Z");
        assertThat(f.state("S").getNetStock()).isEqualTo(7); // both good sales applied
        assertThat(f.counters.snapshot(PipelineCounters.DEAD_LETTERS))
                .containsEntry("wrong-magic-byte", 1L).containsEntry("empty-value", 1L);
    }

    @Test
    void invalidValuesAreParkedWithTheirReasonBeforeTouchingState() {
        f.stockChange("V", StockChangeKind.COUNT, 10, "2011-03-01T08:00:00Z");
        SaleEvent negative = SaleEvent.newBuilder().setEventId("neg").setSku("V").setLocationId("WH1").setQuantity(-5)
                .setOccurredAt(Instant.parse("2011-03-01T09:00:00Z")).build();
        f.sales.pipeInput("V", negative);
        SaleEvent badPrice = SaleEvent.newBuilder(negative).setEventId("nan").setQuantity(1).setUnitPrice(Double.NaN).build();
        f.sales.pipeInput("V", badPrice);
        SaleEvent wrongKey = SaleEvent.newBuilder(negative).setEventId("key").setQuantity(1).build();
        f.sales.pipeInput("OTHER", wrongKey);
        SaleEvent control = SaleEvent.newBuilder(negative).setEventId("ctl").setQuantity(1).setSku("V\u0007").build();
        f.sales.pipeInput("V\u0007", control);
        SaleEvent ancient = SaleEvent.newBuilder(negative).setEventId("old").setQuantity(1)
                .setOccurredAt(Instant.parse("1999-12-31T23:59:59Z")).build();
        f.sales.pipeInput("V", ancient);
        f.shipment("V", "NEVER-ORDERED", ShipmentStatus.RECEIVED, 5, "2011-03-01T10:00:00Z");
        f.stockChange("V", StockChangeKind.COUNT, -1, "2011-03-01T11:00:00Z");
        f.sale("V", 3, "2011-03-01T12:00:00Z");

        assertThat(f.deadLetters.readRecordsToList()).extracting(r -> header(r.headers(), DeadLetters.HEADER_REASON))
                .containsExactly("invalid-quantity", "invalid-price", "key-mismatch", "sku-control-character",
                        "timestamp-too-old", "unknown-purchase-order", "invalid-quantity");
        assertThat(f.state("V").getNetStock()).isEqualTo(7);
        assertThat(f.counters.get(PipelineCounters.DEAD_LETTERS, "invalid-quantity")).isEqualTo(2);
    }

    @Test
    void deadLetterKeepsTheOriginalBytesOfAValidRecord() {
        SaleEvent negative = SaleEvent.newBuilder().setEventId("neg").setSku("V").setLocationId("WH1").setQuantity(0)
                .setOccurredAt(Instant.parse("2011-03-01T09:00:00Z")).build();
        byte[] bytes = f.topics.sales().valueSerde().serializer().serialize(f.topics.sales().name(), negative);
        f.rawSales.pipeInput("V", bytes);
        TestRecord<String, byte[]> parked = f.deadLetters.readRecord();
        assertThat(parked.value()).isEqualTo(bytes);
        assertThat(header(parked.headers(), DeadLetters.HEADER_EXCEPTION)).isEqualTo(InvalidEventException.class.getName());
        assertThat(header(parked.headers(), DeadLetters.HEADER_MESSAGE)).contains("quantity must be between 1");
    }
}
