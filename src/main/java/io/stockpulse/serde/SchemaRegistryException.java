package io.stockpulse.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry call failed. It is a {@link SerializationException} so that Kafka's
 * deserialization/production exception handlers treat it like any other serde failure, but it
 * keeps the HTTP status and the registry's {@code error_code} so callers can tell "schema not
 * found" (40403) from "registry unreachable" without parsing messages.
 */
public class SchemaRegistryException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: schema (id or subject/schema pair) not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: the new schema is incompatible with an earlier one. */
    public static final int INCOMPATIBLE_SCHEMA = 409;

    private final int httpStatus;
    private final int errorCode;

    /**
     * @param message    full human-readable message (must not contain secrets)
     * @param httpStatus HTTP status, or -1 when no response was received
     * @param errorCode  the registry's {@code error_code}, or -1 when absent
     * @param cause      underlying exception, may be null
     */
    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the failed call, or -1 when no response was received (connection failure). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 40403), or -1 when the response carried none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry said the schema id or subject/schema pair does not exist. */
    public boolean isNotFound() {
        return errorCode == SCHEMA_NOT_FOUND || errorCode == SUBJECT_NOT_FOUND
                || (errorCode < 0 && httpStatus == 404);
    }
}
