package io.stockpulse.serde;

/**
 * The schema registry could not answer (connection refused, timeout, HTTP 5xx, 401/403, 408, 429):
 * an infrastructure fault, not a fault of the record. The same record decodes once the registry is
 * back, so callers must retry it and never dead-letter it.
 *
 * <p>Why a subtype of {@link SchemaRegistryException} (and so of {@code SerializationException}):
 * code that only logs serde failures keeps working; code that must tell a bad record from a bad day
 * (the dead-letter handlers) checks for this type anywhere in the cause chain ({@link #in}).
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final int schemaId;

    public SchemaRegistryUnavailableException(String message, int schemaId, SchemaRegistryException cause) {
        super(message, cause == null ? -1 : cause.httpStatus(), cause == null ? -1 : cause.errorCode(), cause);
        this.schemaId = schemaId;
    }

    /** The schema id that was being fetched, or -1 when the failure was on the serializing side. */
    public int schemaId() {
        return schemaId;
    }

    /**
     * True when {@code e} is an answer-less or server-side failure worth retrying. The registry's
     * own "no such schema" (404 / 4040x) and unusable schemas (a 2xx answer that cannot be parsed)
     * are data faults: retrying them cannot help.
     */
    public static boolean isInfrastructure(SchemaRegistryException e) {
        if (e instanceof SchemaRegistryUnavailableException) {
            return true;
        }
        int status = e.httpStatus();
        return status == -1 || status >= 500 || status == 401 || status == 403 || status == 408 || status == 429;
    }

    /** True when an infrastructure failure of the registry is anywhere in {@code error}'s cause chain. */
    public static boolean causedByOutage(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SchemaRegistryException e && isInfrastructure(e)) {
                return true;
            }
        }
        return false;
    }

    /** This exception anywhere in {@code error}'s cause chain, or null. */
    public static SchemaRegistryUnavailableException in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException unavailable) {
                return unavailable;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
