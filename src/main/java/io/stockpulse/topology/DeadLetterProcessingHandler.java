package io.stockpulse.topology;

import io.stockpulse.serde.SchemaRegistryUnavailableException;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * A record that decodes but cannot be processed (invalid values, or a bug) goes to the dead-letter
 * topic with its source bytes; the stream thread keeps running. Errors in punctuations (day close)
 * have no source record: they are logged and counted.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private DeadLetterParking parking;

    @Override
    public void configure(Map<String, ?> configs) {
        parking = DeadLetterParking.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        if (SchemaRegistryUnavailableException.causedByOutage(error)) {
            // An infrastructure fault inside processing (a registry call): as in the deserialization
            // handler, FAIL so the aborted transaction re-reads the record, never dead-letter it.
            LOG.warn("Processing in {} failed, schema registry unavailable; not dead-lettered, the record is read again"
                    + " ({})", context.processorNodeId(), error.getMessage());
            return Response.fail();
        }
        String reason = error instanceof InvalidEventException invalid ? invalid.reason() : "processing-error";
        if (context.topic() == null) { // a punctuation (day close), not a record: nothing to park
            PipelineCounters counters = parking.counters();
            if (counters != null) {
                counters.increment(PipelineCounters.DEAD_LETTERS, reason);
            }
            LOG.error("Processing failed in {} without a source record (punctuation); continuing", context.processorNodeId(),
                    error);
            return Response.resume();
        }
        if (error instanceof InvalidEventException) {
            LOG.warn("Invalid record on {}-{}@{} sent to {}: {}", context.topic(), context.partition(), context.offset(),
                    parking.topic(), error.getMessage());
        } else {
            LOG.error("Processing failed on {}-{}@{}; record sent to {}", context.topic(), context.partition(),
                    context.offset(), parking.topic(), error);
        }
        return Response.resume(List.of(parking.park(context, context.sourceRawKey(), context.sourceRawValue(), reason,
                error)));
    }
}
